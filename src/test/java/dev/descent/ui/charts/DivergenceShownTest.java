package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.ui.WindowFixture;
import dev.descent.ui.model.TrainingSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** After a divergence the charts say what happened instead of "Not evaluated yet". */
@ExtendWith(ApplicationExtension.class)
class DivergenceShownTest {
    private WindowFixture fx;
    private ChartsView charts;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage);
        charts = (ChartsView) stage.getScene().lookup("#charts");
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(fx::close);
    }

    /**
     * Trains the spiral example for 4 epochs (60 steps, evaluated every 25 steps and at each epoch's end,
     * step 15 first) with SGD at η = 10,000, which diverges at step 3; with Adam beside it or alone.
     */
    private void trainDiverging(boolean withAdam) throws Exception {
        String json = Files.readString(Path.of("sample-data/spiral-sgd-vs-adam.json"))
                .replace("\"epochs\": 100", "\"epochs\": 4")
                .replace("\"learningRate\": 0.05", "\"learningRate\": 10000");
        if (!withAdam) {
            int adam = json.indexOf("},\n    {\n      \"name\": \"Adam\"");
            assertTrue(adam > 0, "the example's Adam run");
            json = json.substring(0, adam) + "}\n  ]\n}\n";
        }
        Path file = dir.resolve("diverging.json");
        Files.writeString(file, json);
        WaitForAsyncUtils.asyncFx(() -> {
            fx.project.open(file);
            return null;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.asyncFx(fx.session::train).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300); // the charts draw the last frame one per pulse
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anEmptyAccuracyChartSaysTheRunDivergedBeforeItsFirstEvaluation() throws Exception {
        // given SGD alone, diverged at step 3
        trainDiverging(false);
        assertEquals("diverged at step 3", onFx(() -> fx.session.rows().get(0).statusProperty().get()));
        // then the empty accuracy chart says so, not "Not evaluated yet"
        assertEquals("SGD diverged at step 3 before its first evaluation",
                onFx(() -> charts.accuracyChart().plot().getNoDataMessage()));
        assertEquals("SGD diverged at step 3 (its training stopped there)", onFx(() -> charts.lossChart().noteText()));
    }

    @Test
    void besideAnotherRunTheAccuracyChartNotesTheMissingCurve() throws Exception {
        // given SGD diverged at step 3 and Adam trained on
        trainDiverging(true);
        // then Adam's accuracy is drawn, and a note says why SGD's is not
        assertEquals(1, onFx(() -> charts.accuracyChart().dataset().getSeriesCount()));
        assertEquals("SGD diverged at step 3 before its first evaluation", onFx(() -> charts.accuracyChart().noteText()));
        // and the runs table gives the whole reason in the status tooltip
        String detail = onFx(() -> fx.session.rows().get(0).detailProperty().get());
        assertTrue(detail.startsWith("diverged: ") && detail.contains("lower the learning rate"), detail);
    }

    @Test
    void besideAnotherRunTheLossAxisFitsTheRunThatDidNotDivergeAndTheNoteSaysSo() throws Exception {
        // given SGD's loss climbing far above Adam's before it diverged at step 3
        trainDiverging(true);
        double sgd = onFx(() -> highest(charts.lossChart(), "SGD "));
        double adam = onFx(() -> highest(charts.lossChart(), "Adam "));
        assertTrue(sgd > 10 * adam, "SGD's climb " + sgd + " against Adam's " + adam);
        // then the y axis ends near Adam's highest loss, not at SGD's (which flattened Adam's curve)
        double upper = onFx(() -> charts.lossChart().plot().getRangeAxis().getUpperBound());
        assertTrue(upper >= adam && upper < 2 * adam, "axis ends at " + upper + ", Adam's highest " + adam);
        assertEquals("SGD diverged at step 3; the y axis fits the other runs",
                onFx(() -> charts.lossChart().noteText()));
    }

    /** The highest finite value of the curves whose key starts with {@code prefix}. */
    private static double highest(LiveChart chart, String prefix) {
        double most = Double.NEGATIVE_INFINITY;
        for (Curve c : chart.dataset().curves()) {
            if (c.key().startsWith(prefix)) {
                for (double y : c.y()) {
                    if (Double.isFinite(y)) {
                        most = Math.max(most, y);
                    }
                }
            }
        }
        return most;
    }
}
