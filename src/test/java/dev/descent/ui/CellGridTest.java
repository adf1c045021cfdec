package dev.descent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Small multiples stay readable: cells fill the view while they fit, then keep their smallest size and scroll. */
@ExtendWith(ApplicationExtension.class)
class CellGridTest {
    private CellGrid grid;

    @Start
    void start(Stage stage) {
        grid = new CellGrid(170, 140);
        stage.setScene(new Scene(grid, 800, 400));
        stage.show();
    }

    private List<Region> show(int n) throws Exception {
        List<Region> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cells.add(new Region());
        }
        WaitForAsyncUtils.asyncFx(() -> grid.showCells(cells)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return cells;
    }

    @Test
    void manyCellsKeepTheirSmallestSizeInTheColumnsThatFitAndScroll() throws Exception {
        List<Region> cells = show(24);
        double width = grid.getViewportBounds().getWidth();
        assertEquals((int) Math.floor((width + 6) / (170 + 6)), grid.columns());
        for (Region cell : cells) {
            assertTrue(cell.getWidth() >= 170, "width " + cell.getWidth());
            assertTrue(cell.getHeight() >= 140, "height " + cell.getHeight());
        }
        // 24 cells in 4 columns are 6 rows of 140 px: more than the 400 px view, so the last is out of view
        assertFalse(grid.inView(cells.get(23)));
        assertTrue(grid.inView(cells.get(0)));
        WaitForAsyncUtils.asyncFx(() -> grid.setVvalue(grid.getVmax())).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(grid.inView(cells.get(23)));
        assertFalse(grid.inView(cells.get(0)));
    }

    @Test
    void fewCellsShareTheWholeView() throws Exception {
        List<Region> cells = show(3);
        assertEquals(3, grid.columns());
        double height = grid.getViewportBounds().getHeight();
        for (Region cell : cells) {
            assertEquals(height, cell.getHeight(), 1.0);
            assertTrue(cell.getWidth() > 250, "width " + cell.getWidth());
            assertTrue(grid.inView(cell));
        }
    }
}
