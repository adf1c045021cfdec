package dev.descent.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.descent.engine.train.DownsampledSeries;
import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Compare area on members whose losses are set by hand: a run "Adam" of three seeds, and "SGD" swept
 * over three learning rates and two batch sizes, three seeds each.
 */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {
    private static final String FILE = """
            { "format": 1, "dataset": { "generator": "moons" }, "training": { "seeds": 3 },
              "runs": [ { "name": "Adam", "optimizer": "adam" },
                        { "name": "SGD", "optimizer": "sgd",
                          "sweep": { "learningRate": [0.01, 0.1, 1], "batchSize": [16, 32] } } ] }
            """;
    private static final int STEPS = 10;

    private Experiment experiment;
    /** Members by run name; each member's constant loss, NaN for one not started, negative: diverged. */
    private final Map<String, double[]> losses = new LinkedHashMap<>();
    private final AtomicReference<RunGroup> picked = new AtomicReference<>();
    private CompareView view;

    @Start
    void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        experiment = ExperimentReader.parse(FILE, null);
        losses.put("Adam", new double[]{0.2, 0.4, 0.6});
        losses.put("SGD lr=0.01 batch=16", new double[]{0.5, 0.5, 0.5});
        losses.put("SGD lr=0.01 batch=32", new double[]{0.8, 0.8, 0.8});
        losses.put("SGD lr=0.1 batch=16", new double[]{0.05, 0.07, 0.09});
        losses.put("SGD lr=0.1 batch=32", new double[]{Double.NaN, Double.NaN, Double.NaN});
        losses.put("SGD lr=1 batch=16", new double[]{0.3, 0.3, -1});
        losses.put("SGD lr=1 batch=32", new double[]{-1, -1, -1});
        view = new CompareView(this::data, picked::set);
        stage.setScene(new Scene(view, 1100, 700));
        stage.show();
        view.refresh();
        view.applyCss();
        view.layout(); // the chart draws its shapes when it is laid out
    }

    /** The members as the comparison would give them: every started member took {@link #STEPS} steps. */
    private CompareData data() {
        Map<String, List<MemberTrace>> members = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, double[]> run : losses.entrySet()) {
            List<MemberTrace> traces = new ArrayList<>();
            for (int k = 0; k < run.getValue().length; k++) {
                traces.add(trace(index++, k, run.getValue()[k]));
            }
            members.put(run.getKey(), traces);
        }
        return CompareData.of(members, experiment);
    }

    private static MemberTrace trace(int index, int member, double loss) {
        DownsampledSeries train = new DownsampledSeries(64);
        DownsampledSeries validation = new DownsampledSeries(64);
        DownsampledSeries accuracy = new DownsampledSeries(64);
        boolean started = !Double.isNaN(loss);
        boolean diverged = loss < 0;
        int steps = !started ? 0 : diverged ? 4 : STEPS;
        for (int s = 1; s <= steps; s++) {
            train.add(s, diverged ? 10.0 * s : loss);
        }
        if (started && !diverged) {
            validation.add(STEPS, loss * 2);
            accuracy.add(STEPS, 1 - loss);
        }
        RunSummary summary = new RunSummary("m" + index, !started ? RunStatus.READY : diverged ? RunStatus.DIVERGED
                : RunStatus.COMPLETED, steps, diverged ? 4 : -1, diverged ? Double.NaN : started ? loss : Double.NaN,
                started && !diverged ? loss * 2 : Double.NaN, started && !diverged ? loss * 2 : Double.NaN,
                started && !diverged ? 1 - loss : Double.NaN, 2.0, steps / 2.0, "");
        return new MemberTrace(index, member, summary, train.snapshot(), validation.snapshot(), accuracy.snapshot());
    }

    /** The chart's shapes of one kind for one run, looked up on the FX thread (the chart draws there). */
    private <T extends Node> List<T> shapes(FxRobot robot, String styleClass, String run, Class<T> kind) {
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.waitForAsyncFx(5000, () -> view.chart().lookupAll("." + styleClass).stream()
                .filter(n -> run.equals(n.getUserData())).map(kind::cast).toList());
    }

    /** The polygon's y values (pixels) at its first point: the upper end, then the lower end. */
    private static double[] bandEnds(Polygon band) {
        List<Double> p = band.getPoints();
        return new double[]{p.get(1), p.get(p.size() - 1)};
    }

    @Test
    void theBandIsTheMeanPlusMinusOneStandardDeviationThenTheRangeThenEveryMember(FxRobot robot) {
        // given Adam's members at 0.2, 0.4 and 0.6: mean 0.4, sample standard deviation 0.2
        BandChart chart = view.chart();
        Polygon band = shapes(robot, BandChart.BAND, "Adam", Polygon.class).get(0);
        Polyline mean = shapes(robot, BandChart.MEAN, "Adam", Polyline.class).get(0);

        // then the band spans 0.4 ± 0.2 and the mean curve lies at 0.4 from step 1 to step 10
        assertEquals(chart.yOf(0.6), bandEnds(band)[0], 1e-6);
        assertEquals(chart.yOf(0.2), bandEnds(band)[1], 1e-6);
        assertEquals(chart.yOf(0.4), mean.getPoints().get(1), 1e-6);
        assertEquals(chart.xOf(1), mean.getPoints().get(0), 1e-6);
        assertEquals(chart.xOf(STEPS), mean.getPoints().get(mean.getPoints().size() - 2), 1e-6);
        // and a diverged member leaves the band: lr=1 batch=16 is two members at 0.3, a band of no width
        Polygon partly = shapes(robot, BandChart.BAND, "SGD lr=1 batch=16", Polygon.class).get(0);
        assertEquals(chart.yOf(0.3), bandEnds(partly)[0], 1e-6);
        assertEquals(chart.yOf(0.3), bandEnds(partly)[1], 1e-6);

        // when the band shows the range
        robot.clickOn("#compare-band-min-max");
        band = shapes(robot, BandChart.BAND, "Adam", Polygon.class).get(0);
        SgdCheck.range(chart, band, 0.2, 0.6);

        // when it shows every member: three thin lines for Adam, a dashed one for a diverged member, no band
        robot.clickOn("#compare-band-members");
        assertTrue(shapes(robot, BandChart.BAND, "Adam", Polygon.class).isEmpty());
        List<Polyline> adam = shapes(robot, BandChart.MEMBER, "Adam", Polyline.class);
        assertEquals(3, adam.size());
        assertEquals(chart.yOf(0.2), adam.get(0).getPoints().get(1), 1e-6);
        List<Polyline> diverged = shapes(robot, BandChart.MEMBER, "SGD lr=1 batch=32", Polyline.class);
        assertEquals(3, diverged.size());
        assertFalse(diverged.get(0).getStrokeDashArray().isEmpty(), "a diverged member's line is dashed");
    }

    /** Range assertions, kept apart so the test above reads as steps. */
    private static final class SgdCheck {
        static void range(BandChart chart, Polygon band, double low, double high) {
            assertEquals(chart.yOf(high), bandEnds(band)[0], 1e-6);
            assertEquals(chart.yOf(low), bandEnds(band)[1], 1e-6);
        }
    }

    @Test
    void theStabilityMapFillsInMarksDivergenceAndAClickSelectsThePoint(FxRobot robot) {
        // given the 3 x 2 grid with one point not started
        List<StackPane> cells = view.map().cells();
        assertEquals(6, cells.size());
        StackPane pending = cell(cells, "SGD lr=0.1 batch=32");
        assertTrue(pending.getStyleClass().contains(StabilityMap.PENDING));
        // then a point whose members all diverged is marked ×, one where one of three did shows 1/3
        StackPane allDiverged = cell(cells, "SGD lr=1 batch=32");
        assertTrue(allDiverged.getStyleClass().contains(StabilityMap.DIVERGED));
        assertEquals("×", ((Label) allDiverged.getChildren().get(0)).getText());
        assertEquals("1/3", ((Label) cell(cells, "SGD lr=1 batch=16").getChildren().get(0)).getText());
        // and the lowest loss takes the dark end of the log scale, the highest the bright end
        var low = cell(cells, "SGD lr=0.1 batch=16").getBackground().getFills().get(0).getFill();
        var high = cell(cells, "SGD lr=0.01 batch=32").getBackground().getFills().get(0).getFill();
        assertEquals(javafx.scene.paint.Color.web("#440154"), low);
        assertEquals(javafx.scene.paint.Color.web("#fde725"), high);
        // and hovering shows the numbers: mean ± std over the members
        Tooltip tip = (Tooltip) cell(cells, "SGD lr=0.1 batch=16").getProperties().get("javafx.scene.control.Tooltip");
        assertNotNull(tip);
        assertTrue(tip.getText().contains("final loss 0.07 ± 0.02"), tip.getText());
        assertTrue(tip.getText().contains("0 of 3 members diverged"), tip.getText());

        // when the pending point trains and the view reads again
        losses.put("SGD lr=0.1 batch=32", new double[]{0.1, 0.1, 0.1});
        robot.interact(view::refresh);

        // then its cell is filled
        StackPane filled = cell(view.map().cells(), "SGD lr=0.1 batch=32");
        assertFalse(filled.getStyleClass().contains(StabilityMap.PENDING));
        assertNotNull(filled.getBackground());

        // when a cell is clicked
        robot.clickOn(filled);

        // then that point's run is selected, outlined, and its row selected in the table
        assertEquals("SGD lr=0.1 batch=32", picked.get().name());
        assertEquals("SGD lr=0.1 batch=32", view.selectedRun());
        assertTrue(cell(view.map().cells(), "SGD lr=0.1 batch=32").getStyleClass().contains(StabilityMap.SELECTED));
        assertEquals("SGD lr=0.1 batch=32", view.table().table().getSelectionModel().getSelectedItem().run());
        assertEquals(3 + 3 * 3, picked.get().firstIndex(), "the point's first member in the comparison");
    }

    @Test
    void theColourBarStaysInViewBesideTheMapsHoweverTheyScroll(FxRobot robot) {
        // the colour bar is not inside the maps' scroll pane (it was their last child, cut at 1440x900)
        StackPane legend = view.map().legend();
        assertFalse(legend.getChildren().isEmpty(), "the colour bar shows");
        for (javafx.scene.Node n = legend; n != null; n = n.getParent()) {
            assertFalse(n instanceof javafx.scene.control.ScrollPane, "the colour bar scrolls with the maps");
        }
        assertTrue(legend.lookupAll(".map-colour-bar").size() == 1);
        assertTrue(legend.isVisible() && legend.getWidth() > 0, "laid out beside the maps");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"200, 3, 1", "200, 22, 2", "120, 22, 5", "100, 80, 20", "300, 1, 1"})
    void theLossAxisLabelsEnoughDecadesNeverToOverlap(double height, double decades, int every) {
        assertEquals(every, BandChart.decadesPerLabel(height, decades));
        assertTrue(every * height / decades >= BandChart.LABEL_SPACING);
    }

    private static StackPane cell(List<StackPane> cells, String run) {
        return cells.stream().filter(c -> run.equals(c.getUserData())).findFirst().orElseThrow();
    }

    @Test
    void theSummaryTableListsEveryRunSortsAndCopiesAsCsv(FxRobot robot) {
        var table = view.table().table();
        assertEquals(7, table.getItems().size());
        SummaryTable.Row adam = row(table.getItems(), "Adam");
        assertEquals(0.4, adam.finalTrainLoss(), 1e-12);
        assertEquals(0.8, adam.bestValidationLoss(), 1e-12);
        assertEquals(0.6, adam.bestValidationAccuracy(), 1e-12);
        assertEquals("3/3 diverged", row(table.getItems(), "SGD lr=1 batch=32").divergedText());
        assertEquals(4.0, row(table.getItems(), "SGD lr=1 batch=32").divergedAt());
        assertEquals("1/3 diverged", row(table.getItems(), "SGD lr=1 batch=16").divergedText());
        // the mean reaches the default target 0.1 at once where every member is below it, never at 0.4
        assertEquals(1.0, row(table.getItems(), "SGD lr=0.1 batch=16").stepsToTarget());
        assertTrue(Double.isNaN(adam.stepsToTarget()));

        // when the target is raised to 0.5, Adam reaches it at step 1
        robot.clickOn("#compare-target").eraseText(3).write("0.5");
        assertEquals(1.0, row(view.table().table().getItems(), "Adam").stepsToTarget());

        // when sorted by final training loss
        TableColumn<SummaryTable.Row, ?> finalLoss = table.getColumns().stream()
                .filter(c -> "compare-col-final-train-loss".equals(c.getId())).findFirst().orElseThrow();
        robot.clickOn(robot.lookup(".column-header").queryAll().stream()
                .filter(h -> h.getId() != null && h.getId().equals(finalLoss.getId())).findFirst().orElseThrow());

        // then the rows go from the lowest loss up, runs without a figure (not started, all diverged) last
        List<String> order = table.getItems().stream().map(SummaryTable.Row::run).toList();
        assertEquals(List.of("SGD lr=0.1 batch=16", "SGD lr=1 batch=16", "Adam", "SGD lr=0.01 batch=16",
                "SGD lr=0.01 batch=32", "SGD lr=0.1 batch=32", "SGD lr=1 batch=32"), order);
        // and the CSV holds the header and the rows in that order
        List<String> csv = view.table().csv().lines().toList();
        assertEquals("run,members,diverged,final_train_loss,best_train_loss,final_val_loss,best_val_loss,"
                + "best_val_accuracy,steps_to_target,diverged_at,wall_s,steps_per_s", csv.get(0));
        assertEquals(8, csv.size());
        assertTrue(csv.get(1).startsWith("SGD lr=0.1 batch=16,3,,0.07"), csv.get(1));
        assertTrue(csv.get(7).startsWith("SGD lr=1 batch=32,3,3/3 diverged,,"), csv.get(7));
    }

    @Test
    void theSummaryTableSavesAsACsvFileOrSaysInOneLineWhyNot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // when the table is saved as a file
        java.nio.file.Path file = dir.resolve("summary.csv");
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            view.table().writeCsv(file);
            return null;
        });
        // then the file holds the CSV the table copies: the header and one line per run
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertEquals(8, lines.size());
        assertEquals(WaitForAsyncUtils.waitForAsyncFx(5000, () -> view.table().csv()), String.join("\n", lines) + "\n");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Adam,3,,0.4")), lines.toString());
        // and a directory that is a file says so in one line
        java.nio.file.Path blocked = file.resolve("again.csv");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> view.table().writeCsv(blocked));
        assertEquals("cannot write " + blocked + ": " + file + " is a file, not a directory", e.getMessage());
    }

    @Test
    void theBandChartAndTheMapsExportAsVectorsOrPixelsOrSayInOneLineWhyNot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // when the view is exported as an SVG
        java.nio.file.Path svg = dir.resolve("compare.svg");
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            view.export(svg);
            return null;
        });
        // then it holds the maps' text (titles, ×, the diverged share, the colour bar's title), their cells in
        // the two ends of the colour scale, and the band chart's bands and curves as paths
        String text = java.nio.file.Files.readString(svg);
        for (String shown : List.of(">SGD<", ">×<", ">1/3<", "log final loss", ">1e")) {
            assertTrue(text.contains(shown), shown + " missing from the SVG");
        }
        assertTrue(text.contains("rgb(68,1,84)") && text.contains("rgb(253,231,37)"), "the map's colours");
        long paths = text.split("<path", -1).length - 1;
        long bands = WaitForAsyncUtils.waitForAsyncFx(5000, () -> view.chart().lookupAll("." + BandChart.BAND).size());
        assertTrue(bands >= 2 && paths >= bands, paths + " paths for " + bands + " bands");

        // when it is exported as a PNG
        java.nio.file.Path png = dir.resolve("compare.png");
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            view.export(png);
            return null;
        });
        // then the picture is as wide as the chart, the maps and the colour bar, and shows the lowest loss's cell
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        double chartWidth = WaitForAsyncUtils.waitForAsyncFx(5000, () -> view.chart().getWidth());
        assertTrue(image.getWidth() > chartWidth + 100, image.getWidth() + " wide, the chart " + chartWidth);
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = (int) chartWidth; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == 0x440154) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 200, dark + " pixels of the lowest loss's colour");

        // and another ending says so in one line, writing nothing
        java.nio.file.Path txt = dir.resolve("compare.txt");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> view.export(txt)); // refused before anything is drawn
        assertEquals("cannot write " + txt + ": the file name must end in .png or .svg", e.getMessage());
        assertFalse(java.nio.file.Files.exists(txt));
    }

    @Test
    void aColumnWidthTheUserDraggedFollowsTheTextSizeAndComesBack(FxRobot robot) {
        TableView<SummaryTable.Row> table = view.table().table();
        TableColumn<SummaryTable.Row, ?> finalLoss = table.getColumns().stream()
                .filter(c -> "compare-col-final-train-loss".equals(c.getId())).findFirst().orElseThrow();
        // given the user dragged the final-loss column 120 px wider at the normal 13 px text
        robot.interact(() -> {
            view.setStyle("-fx-font-size: 13px;");
            view.applyCss();
            view.layout();
        });
        double fitted = finalLoss.getWidth();
        robot.interact(() -> table.resizeColumn(finalLoss, 120));
        double dragged = finalLoss.getWidth();
        assertEquals(fitted + 120, dragged, 1, "the drag widened it");

        // when the text grows to presenter mode's 21 px
        robot.interact(() -> {
            view.setStyle("-fx-font-size: 21px;");
            view.applyCss();
            view.layout();
        });
        // then the column keeps its share: its dragged width times 21/13 (not the fitted width at 21 px)
        assertEquals(Math.ceil(dragged * 21 / 13), finalLoss.getWidth(), 1);

        // and back at 13 px it is the width the user dragged, not the fitted one
        robot.interact(() -> {
            view.setStyle("-fx-font-size: 13px;");
            view.applyCss();
            view.layout();
        });
        assertEquals(dragged, finalLoss.getWidth(), 2);
    }

    private static SummaryTable.Row row(List<SummaryTable.Row> rows, String run) {
        return rows.stream().filter(r -> r.run().equals(run)).findFirst().orElseThrow();
    }

    @Test
    void withPresenterSizedTextTheSummaryTablesTitlesAndFiguresShowWhole(FxRobot robot) {
        // when the view's text is presenter mode's 21 px (13 px × 1.6)
        robot.interact(() -> {
            view.setStyle("-fx-font-size: 21px;");
            view.applyCss();
            view.layout();
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        try { // (the columns widen as the text grows; the titles are laid out again at the next pulse)
            org.testfx.util.WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> view.table()
                    .table().getColumns().stream().map(c -> (Label) c.getGraphic()).allMatch(l -> ((javafx.scene.text.Text)
                            l.lookup(".text")).getText().replaceAll("\\s+", " ").strip().equals(l.getText())));
        } catch (java.util.concurrent.TimeoutException e) {
            // the assertions below say which
        }
        // then every column's title shows whole, wrapped where needed ("best val accuracy", not "be…")
        TableView<SummaryTable.Row> table = view.table().table();
        for (TableColumn<SummaryTable.Row, ?> column : table.getColumns()) {
            Label title = (Label) column.getGraphic();
            String shown = ((javafx.scene.text.Text) title.lookup(".text")).getText();
            assertEquals(title.getText(), shown.replaceAll("\\s+", " ").strip(), column.getId() + " " + column.getWidth() + " font " + title.getFont() + " label " + title.getWidth());
            assertTrue(column.getWidth() >= 6 * 21 - 1, column.getId() + " is " + column.getWidth() + " wide");
        }
        // and the figures in the cells are not cut to "0.0…"
        for (javafx.scene.Node node : robot.lookup("#compare-summary-table .table-cell").queryAll()) {
            javafx.scene.control.TableCell<?, ?> cell = (javafx.scene.control.TableCell<?, ?>) node;
            if (cell.getText() != null && !cell.getText().isEmpty() && cell.lookup(".text") != null) {
                String shown = ((javafx.scene.text.Text) cell.lookup(".text")).getText();
                assertEquals(cell.getText(), shown, "a cell of " + cell.getTableColumn().getId());
            }
        }
    }
}
