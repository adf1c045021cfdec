package dev.descent.ui.charts;

import dev.descent.engine.train.RunHistory;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One chart alone in a window, fed from hand-made histories, for tests of what a chart draws.
 * Call everything from the test thread; the chart is touched on the FX thread.
 */
final class ChartHarness {
    final StackPane root = new StackPane();
    private final List<ChartInput.Run> runs = new ArrayList<>();
    private int totalSteps = 600;

    ChartHarness(Stage stage) {
        root.setPrefSize(640, 420);
        stage.setScene(new Scene(root, 640, 420));
        stage.show();
    }

    /** Shows {@code chart} in the window. */
    <C extends LiveChart> C show(C chart) throws Exception {
        onFx(() -> {
            root.getChildren().setAll(chart.node());
            chart.applyTheme(ChartPalette.LIGHT);
            return null;
        });
        return chart;
    }

    /** Adds a run drawn from {@code history}. */
    ChartHarness run(String name, RunHistory history) {
        runs.add(new ChartInput.Run(name, Color.decode(dev.descent.ui.model.RunColors.of(runs.size())), history));
        return this;
    }

    /** Adds a run drawn from {@code history} whose steps relate to its data as {@code pace} says. */
    ChartHarness run(String name, RunHistory history, ChartInput.Pace pace) {
        runs.add(new ChartInput.Run(name, Color.decode(dev.descent.ui.model.RunColors.of(runs.size())), history, -1,
                name, pace));
        return this;
    }

    /** Adds member {@code name} of run {@code group} (its colour), diverged at {@code divergedAt} or -1. */
    ChartHarness member(String name, String group, RunHistory history, int divergedAt) {
        runs.add(new ChartInput.Run(name, Color.decode(dev.descent.ui.model.RunColors.of(0)), history, divergedAt, group));
        return this;
    }

    ChartHarness totalSteps(int steps) {
        totalSteps = steps;
        return this;
    }

    ChartInput input() {
        return new ChartInput(null, runs, runs.isEmpty() ? -1 : 0, totalSteps);
    }

    /** Refreshes {@code chart} from the runs as they are now, and lets it draw. */
    void refresh(LiveChart chart) throws Exception {
        onFx(() -> {
            chart.refresh(input(), false);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static <T> T onFx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(10, TimeUnit.SECONDS);
    }

    static Curve curve(LiveChart chart, String key) throws Exception {
        return onFx(() -> chart.dataset().curves().stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no curve " + key + " in " + chart.dataset().curves().stream()
                        .map(Curve::key).toList())));
    }
}
