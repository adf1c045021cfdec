package dev.descent.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.ui.app.Examples;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.palette.PaletteTile;
import dev.descent.ui.palette.PaletteView;
import dev.descent.ui.palette.Tile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.application.Application;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.DragEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Real drags from the palette to the canvas: the robot presses on a tile and moves the mouse, the tile's
 * drag-detected handler starts a drag and drop with its dragboard, and Monocle's headless toolkit carries
 * it (its drag clipboard runs a nested event loop that turns mouse moves into drag events and the release
 * into a drop), so the canvas sees what a desktop drop gives it.
 */
@ExtendWith(ApplicationExtension.class)
class PaletteTileDragTest {
    private ProjectModel project;
    private SelectionModel selection;
    private PaletteView palette;
    private GraphCanvas canvas;
    /** What the canvas was given on each drop, read on the FX thread as the drop arrives. */
    private record Drop(Object source, Object payload) {
    }

    private final List<Drop> drops = new ArrayList<>();

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        project = new ProjectModel(Examples.load(Examples.FIRST));
        selection = new SelectionModel();
        DataModel data = new DataModel(project, Runnable::run, Runnable::run);
        canvas = new GraphCanvas(project, selection, data, new Theme(null));
        palette = new PaletteView();
        HBox.setHgrow(canvas, Priority.ALWAYS);
        canvas.viewport().addEventFilter(DragEvent.DRAG_DROPPED,
                e -> drops.add(new Drop(e.getGestureSource(), e.getDragboard().getContent(Tile.FORMAT))));
        stage.setScene(new Scene(new HBox(palette, canvas), 1200, 640));
        stage.show();
    }

    @Test
    void draggingADropoutTileOntoEmptyCanvasCreatesTheNodeWhereItIsDropped(FxRobot robot) {
        // given the dropout tile and an empty spot below the chain
        PaletteTile tile = tile(new Tile(Tile.Kind.LAYER, "dropout"));
        Point2D spot = new Point2D(500, 420);
        Point2D screen = onFx(() -> canvas.screenOf(spot));
        // when it is dragged there with the mouse and released
        robot.drag(tile, MouseButton.PRIMARY).moveBy(120, 40).dropTo(robot.point(screen));
        WaitForAsyncUtils.waitForFxEvents();
        // then the drop came as a real drag and drop, carrying the tile on the dragboard, from the tile
        assertEquals(1, drops.size());
        assertEquals(tile, drops.get(0).source());
        assertEquals("LAYER:dropout", drops.get(0).payload());
        // and a dropout node is centred where it was dropped, selected, one undo step away
        NodeSpec dropout = project.experiment().network().node("drop").orElseThrow();
        assertTrue(dropout instanceof NodeSpec.Dropout);
        assertEquals(spot.getX() - NodeView.WIDTH / 2, dropout.position().x(), 1.5);
        assertEquals(spot.getY() - NodeView.HEIGHT / 2, dropout.position().y(), 1.5);
        assertEquals(Set.of("drop"), Set.copyOf(selection.nodes()));
        assertEquals("Undo Add dropout", project.undoTextProperty().get());
    }

    @Test
    void draggingAnActivationTileOntoADenseNodeSetsItsActivation(FxRobot robot) {
        // given the tanh tile and dense node h1 (followed by the ReLU a1)
        PaletteTile tile = tile(new Tile(Tile.Kind.ACTIVATION, "tanh"));
        Point2D onH1 = onFx(() -> canvas.screenOf(centre("h1")));
        // when it is dropped on h1
        robot.drag(tile, MouseButton.PRIMARY).moveBy(120, 40).dropTo(robot.point(onH1));
        WaitForAsyncUtils.waitForFxEvents();
        // then a1 is tanh now, and no node was added
        assertEquals(ActivationFunction.TANH,
                ((NodeSpec.Activation) project.experiment().network().node("a1").orElseThrow()).function().term());
        assertEquals(7, project.experiment().network().nodes().size());
    }

    private PaletteTile tile(Tile tile) {
        // the Layers and Activations sections start open, so the tile is on screen
        return palette.tiles().stream().filter(t -> t.tile().equals(tile)).findFirst().orElseThrow();
    }

    private Point2D centre(String id) {
        NodeSpec node = project.experiment().network().node(id).orElseThrow();
        return new Point2D(node.position().x() + NodeView.WIDTH / 2, node.position().y() + NodeView.HEIGHT / 2);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
