package dev.descent.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.app.Examples;
import dev.descent.ui.model.TrainingSession;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DataViewTest {
    private WindowFixture fx;
    private DataView view;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage);
        view = (DataView) stage.getScene().lookup("#data-view");
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(fx::close);
    }

    private static <T> T onFx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(10, TimeUnit.SECONDS);
    }

    private void ready() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void trainToTheEnd() throws Exception {
        ready();
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
    }

    @Test
    void theTitleDescribesTheData() throws Exception {
        // given the window's example once its data is loaded
        ready();
        // then
        assertEquals("Spiral · 600 examples · 2 features · 2 classes", onFx(view::titleText));
        assertNull(onFx(view::boundaryImage), "no boundary before training");
    }

    @Test
    void afterTrainingTheFocusRunsDecisionBoundaryIsShown() throws Exception {
        // given the example trained to the end
        trainToTheEnd();
        long total = fx.session.history(0).trainLoss().totalPoints();
        // then the view asked the focus run for predictions and shows the boundary of its final weights
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(view::shownStep) == total);
        assertTrue(onFx(view::requestCount) >= 1);
        WritableImage image = onFx(view::boundaryImage);
        assertNotNull(image);
        assertEquals(PredictionGrid.BOUNDARY_CELLS, (int) image.getWidth());
        // and the trained spiral splits the plane between both classes
        int[] votes = onFx(() -> classVotes(image));
        assertTrue(votes[0] > 300 && votes[1] > 300, "cells per class: " + votes[0] + ", " + votes[1]);
        assertTrue(onFx(view::noteText0).startsWith("Decision boundary of SGD after step 1,500"), onFx(view::noteText0));
    }

    /** Cells whose tint is nearer class 0's colour, and nearer class 1's. */
    private static int[] classVotes(WritableImage image) {
        PixelReader pixels = image.getPixelReader();
        int[] votes = new int[2];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = pixels.getColor(x, y);
                votes[distance(c, ClassColors.of(0)) < distance(c, ClassColors.of(1)) ? 0 : 1]++;
            }
        }
        return votes;
    }

    private static double distance(Color a, Color b) {
        // hue-ish: compare the colour's direction away from white
        double ra = 1 - a.getRed();
        double ga = 1 - a.getGreen();
        double ba = 1 - a.getBlue();
        double rb = 1 - b.getRed();
        double gb = 1 - b.getGreen();
        double bb = 1 - b.getBlue();
        double na = Math.sqrt(ra * ra + ga * ga + ba * ba) + 1e-9;
        double nb = Math.sqrt(rb * rb + gb * gb + bb * bb) + 1e-9;
        return -(ra * rb + ga * gb + ba * bb) / (na * nb);
    }

    @Test
    void resetHidesTheBoundary() throws Exception {
        // given a boundary after training
        trainToTheEnd();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(view::boundaryImage) != null);
        // when
        WaitForAsyncUtils.asyncFx(fx.session::reset).get();
        WaitForAsyncUtils.waitForFxEvents();
        // then
        assertNull(onFx(view::boundaryImage));
    }

    @Test
    void withAFrozenClockOnlyOneRequestIsEverSent() throws Exception {
        // given a second data view on the same models whose clock never moves
        ready();
        DataView frozen = onFx(() -> new DataView(fx.data, fx.session, fx.selection, fx.theme, () -> 0L));
        // when the example trains through some 1,500 steps and dozens of frames
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(frozen::boundaryImage) != null);
        // then it never flooded the run: one request, whose answer it shows
        assertEquals(1, onFx(frozen::requestCount));
    }

    @Test
    void regressionWithOneInputShowsThePredictionCurve() throws Exception {
        // given the regression example (a sine, one input)
        ready();
        WaitForAsyncUtils.asyncFx(() -> fx.project.replace(Examples.load("sine-regression.json"), null)).get();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> {
            Dataset d = fx.data.dataset();
            return d != null && d.features() == 1 && fx.session.blockedReason() == null;
        }));
        assertTrue(onFx(view::titleText).contains("regression"), onFx(view::titleText));
        // when it trains to the end
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(view::predictionCurve) != null);
        // then the focus run's curve has a finite value at every point
        double[] curve = onFx(view::predictionCurve);
        assertEquals(PredictionGrid.CURVE_POINTS, curve.length);
        assertTrue(java.util.Arrays.stream(curve).allMatch(Double::isFinite));
        assertNull(onFx(view::boundaryImage));
    }

    @Test
    void theGridAsksForCellCentresFromTheTopRowDown() {
        // given a 2 × 2 grid over [0, 2] × [0, 2]
        PredictionGrid grid = PredictionGrid.boundary(new PlotRange(0, 2, 0, 2), 2);
        // then row 0 is the top (y = 1.5), column 0 the left (x = 0.5)
        assertEquals(List.of(0.5f, 1.5f, 1.5f, 1.5f, 0.5f, 0.5f, 1.5f, 0.5f), boxed(grid.features()));
        assertEquals(4, grid.rows());
    }

    private static List<Float> boxed(float[] f) {
        Float[] b = new Float[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = f[i];
        }
        return List.of(b);
    }

    @Test
    void aSingleOutputIsTheProbabilityOfClassOne() throws Exception {
        // given a 2 × 2 grid and a binary run's answers (one sigmoid output per cell)
        PredictionGrid grid = PredictionGrid.boundary(new PlotRange(0, 1, 0, 1), 2);
        double[] p = {0.99, 0.01, 0.5, 0.9};
        // when turned into an image on white
        WritableImage image = onFx(() -> grid.image(p, Color.WHITE));
        // then confident cells carry their class's colour, strongly; the undecided cell barely
        Color one = image.getPixelReader().getColor(0, 0);
        Color zero = image.getPixelReader().getColor(1, 0);
        Color unsure = image.getPixelReader().getColor(0, 1);
        assertTrue(one.getBlue() > one.getRed(), "class 1 is blue: " + one);
        assertTrue(zero.getRed() > zero.getBlue(), "class 0 is red: " + zero);
        assertTrue(unsure.getBrightness() > one.getBrightness() || unsure.getSaturation() < one.getSaturation());
    }

    @Test
    void inAShortNarrowPanelWithLargeTextTheTitleAndNoteWrapAndTheMapGivesWay() throws Exception {
        // given the data panel as presenter mode leaves it at 1440x900: about 370 px wide, 240 high, large text
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> fx.data.dataset()) != null);
        Stage own = onFx(() -> {
            DataView panel = new DataView(fx.data, fx.session, fx.selection, fx.theme);
            javafx.scene.layout.StackPane presenter = new javafx.scene.layout.StackPane(panel);
            presenter.getStyleClass().add("presenter"); // presenter mode's class and stylesheet, as in the window
            presenter.getStylesheets().add(dev.descent.ui.present.PresenterMode.class.getResource("presenter.css")
                    .toExternalForm());
            Stage window = new Stage();
            window.setScene(new javafx.scene.Scene(presenter, 370, 600));
            window.show();
            return window;
        });
        try {
            // (first tall, then short: the map's canvases keep their size as its preferred height, so the
            // panel must shrink something, which is what cut the title)
            WaitForAsyncUtils.waitForFxEvents();
            onFx(() -> {
                own.setHeight(240);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            DataView panel = (DataView) own.getScene().getRoot().getChildrenUnmodifiable().get(0);
            // then the title and the note show all their words, on more lines, not an ellipsis
            for (String style : new String[] {DataView.TITLE, DataView.NOTE}) {
                javafx.scene.control.Label label = (javafx.scene.control.Label) panel.lookup("." + style);
                String shown = onFx(() -> ((javafx.scene.text.Text) label.lookup(".text")).getText());
                assertEquals(onFx(label::getText), shown, style);
            }
            assertTrue(onFx(() -> panel.lookup("." + DataView.TITLE).getBoundsInParent().getHeight()) > 40,
                    "the title took two lines");
        } finally {
            onFx(() -> {
                own.close();
                return null;
            });
        }
    }
}
