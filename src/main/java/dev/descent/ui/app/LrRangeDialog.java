package dev.descent.ui.app;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.train.LrRangeTest;
import dev.descent.engine.train.RunConfig;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.PreparedExperiment;
import dev.descent.experiment.RunSpec;
import dev.descent.ui.model.Edits;
import dev.descent.ui.model.ProjectModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Run &gt; Learning-Rate Range Test… (and the runs' context menu): trains a copy of the selected run with
 * {@link LrRangeTest} on a thread of its own, plots its loss against the learning rate (log axis) as
 * it comes, then marks the steepest descent and the divergence and offers to set the suggested rate
 * on the run, as one edit that Undo takes back. The run's own results are not touched; closing the
 * dialog stops the test.
 */
final class LrRangeDialog {
    static final ButtonType APPLY = new ButtonType("Set Suggested Rate", ButtonBar.ButtonData.APPLY);
    /** The learning-rate key of every optimizer. */
    private static final String RATE = OptimizerType.LEARNING_RATE;

    private final ProjectModel project;
    private final String runName;
    private final LrRangeTest.Range range;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final XYChart.Series<Number, Number> loss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> smoothed = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> steepest = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> divergence = new XYChart.Series<>();
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ConcurrentLinkedQueue<LrRangeTest.Point> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private LrRangeTest.Result result;
    /** How high the marks reach: a little above the highest loss before the divergence. */
    private double markerTop = 1;

    private LrRangeDialog(Window owner, ProjectModel project, String runName, LrRangeTest.Range range) {
        this.project = project;
        this.runName = runName;
        this.range = range;
        dialog.initOwner(owner);
        dialog.setTitle("Learning-rate range test");
        dialog.setHeaderText("Learning-rate range test of \"" + runName + "\": a copy trains " + range.steps()
                + " steps while its rate rises from " + LrRangeTest.format(range.from()) + " to "
                + LrRangeTest.format(range.to()));
        dialog.getDialogPane().setId("lr-range");
        dialog.setResizable(true);

        x.setLabel("learning rate (log scale)");
        x.setAutoRanging(false);
        x.setLowerBound(Math.floor(Math.log10(range.from())));
        x.setUpperBound(Math.ceil(Math.log10(range.to())));
        x.setTickUnit(1);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number exponent) {
                return powerOfTen(exponent.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return Math.log10(Double.parseDouble(s));
            }
        });
        y.setLabel("training loss");
        y.setForceZeroInRange(true);
        chart.setId("lr-range-chart");
        chart.setCreateSymbols(false);
        chart.setVerticalZeroLineVisible(false);
        chart.setAnimated(false);
        chart.setPrefSize(720, 420);
        loss.setName("loss of each batch");
        smoothed.setName("smoothed");
        steepest.setName("steepest descent");
        divergence.setName("divergence");
        chart.getData().add(loss);

        status.setId("lr-range-result");
        status.setWrapText(true);
        progress.setMaxWidth(Double.MAX_VALUE);
        dialog.getDialogPane().setContent(new VBox(8, chart, progress, status));
        dialog.getDialogPane().getButtonTypes().setAll(APPLY, ButtonType.CLOSE);
        Button apply = (Button) dialog.getDialogPane().lookupButton(APPLY);
        apply.setDisable(true);
        apply.addEventFilter(javafx.event.ActionEvent.ACTION, e -> apply());
        dialog.setOnHidden(e -> stop.set(true));
    }

    /**
     * Opens the dialog for run {@code runIndex} of the project and starts the test.
     *
     * @param data the project's dataset as loaded by the window, or null while it loads
     */
    static void show(Window owner, ProjectModel project, Dataset data, int runIndex) {
        Experiment experiment = project.experiment();
        RunSpec run = experiment.runs().get(runIndex);
        LrRangeTest.Range range = new LrRangeTest.Range(LrRangeTest.Range.DEFAULT_FROM, LrRangeTest.Range.DEFAULT_TO,
                LrRangeTest.Range.DEFAULT_STEPS);
        LrRangeDialog d = new LrRangeDialog(owner, project, run.name(), range);
        d.start(experiment, data);
        d.dialog.show();
    }

    private void start(Experiment experiment, Dataset data) {
        if (data == null) {
            finishWith("The data is still loading; try again in a moment.");
            return;
        }
        status.setText("Training a copy of \"" + runName + "\"…");
        Thread t = new Thread(() -> {
            try {
                PreparedExperiment prepared = PreparedExperiment.prepare(experiment, data);
                RunConfig config = prepared.runs().stream().filter(r -> r.name().equals(runName)).findFirst()
                        .orElseThrow();
                LrRangeTest.Result r = LrRangeTest.run(prepared.training(0), prepared.split().train(),
                        prepared.split().validation(), config, range, this::arrived, stop::get);
                Platform.runLater(() -> finished(r));
            } catch (ExperimentException e) {
                String line = "The range test cannot run: " + String.join("; ", e.messages());
                Platform.runLater(() -> finishWith(line));
            } catch (RuntimeException e) {
                String line = "The range test failed: " + e;
                Platform.runLater(() -> finishWith(line));
            }
        }, "descent-lr-range");
        t.setDaemon(true);
        t.start();
    }

    /** On the test's thread: queues the point; one drain per frame at most adds what has arrived. */
    private void arrived(LrRangeTest.Point p) {
        arrived.add(p);
        if (drainScheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<XYChart.Data<Number, Number>> batch = new ArrayList<>();
        LrRangeTest.Point p;
        int last = 0;
        while ((p = arrived.poll()) != null) {
            if (Double.isFinite(p.loss())) {
                batch.add(new XYChart.Data<>(Math.log10(p.learningRate()), p.loss()));
            }
            last = p.step();
        }
        loss.getData().addAll(batch);
        if (last > 0) {
            progress.setProgress(last / (double) range.steps());
        }
    }

    private void finished(LrRangeTest.Result r) {
        drain();
        result = r;
        progress.setProgress(1);
        progress.setVisible(false);
        progress.setManaged(false);
        // the loss axis stops short of the divergence's blow-up, so the descent stays readable
        double top = 0;
        for (int k = 0; k < r.points().size(); k++) {
            if (k != r.divergence() && Double.isFinite(r.points().get(k).loss())) {
                top = Math.max(top, r.points().get(k).loss());
            }
        }
        double cap = top > 0 ? top * 1.1 : 1;
        loss.getData().removeIf(d -> d.getYValue().doubleValue() > cap);
        markerTop = cap;
        int end = r.divergence() < 0 ? r.points().size() : r.divergence();
        for (int k = 0; k < end; k++) {
            smoothed.getData().add(new XYChart.Data<>(Math.log10(r.points().get(k).learningRate()), r.smoothed()[k]));
        }
        chart.getData().add(smoothed);
        if (r.steepest() >= 0) {
            vertical(steepest, r.suggested());
            steepest.setName("steepest descent: " + LrRangeTest.format(r.suggested()));
            chart.getData().add(steepest);
        }
        if (r.divergence() >= 0) {
            vertical(divergence, r.divergedAt());
            divergence.setName("divergence: " + LrRangeTest.format(r.divergedAt()));
            chart.getData().add(divergence);
        }
        status.setText(summary(r));
        Button apply = (Button) dialog.getDialogPane().lookupButton(APPLY);
        apply.setText("Set η = " + LrRangeTest.format(r.suggested()));
        apply.setDisable(r.steepest() < 0 || runIndex() < 0);
    }

    private void vertical(XYChart.Series<Number, Number> series, double rate) {
        series.getData().add(new XYChart.Data<>(Math.log10(rate), 0));
        series.getData().add(new XYChart.Data<>(Math.log10(rate), markerTop));
    }

    /** What the test found, in a sentence or two. */
    String summary(LrRangeTest.Result r) {
        String diverged = r.divergence() < 0
                ? "The loss did not diverge up to " + LrRangeTest.format(range.to()) + "."
                : "The loss diverged at " + LrRangeTest.format(r.divergedAt()) + " (step "
                + r.points().get(r.divergence()).step() + ").";
        if (r.steepest() < 0) {
            return diverged + " The loss did not fall anywhere in the range: no rate to suggest.";
        }
        return String.format(Locale.ROOT, "Steepest descent at %s (step %d). %s Suggested learning rate: %s.",
                LrRangeTest.format(r.suggested()), r.points().get(r.steepest()).step(), diverged,
                LrRangeTest.format(r.suggested()));
    }

    private void finishWith(String line) {
        progress.setVisible(false);
        progress.setManaged(false);
        status.setText(line);
    }

    /** The run's index now (the project may have changed while the test ran), or -1 if it is gone. */
    private int runIndex() {
        List<RunSpec> runs = project.experiment().runs();
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).name().equals(runName)) {
                return i;
            }
        }
        return -1;
    }

    /** Sets the suggested rate on the run, rounded to three significant digits as shown; one edit. */
    private void apply() {
        int index = runIndex();
        if (result == null || result.steepest() < 0 || index < 0) {
            return;
        }
        double rate = Double.parseDouble(LrRangeTest.format(result.suggested()));
        RunSpec run = project.experiment().runs().get(index);
        project.edit("set learning rate of " + runName, e -> Edits.replaceRun(e, index,
                run.withOptimizer(run.optimizer().with(RATE, rate))));
    }

    private static String powerOfTen(double exponent) {
        long e = Math.round(exponent);
        if (Math.abs(exponent - e) > 1e-9) {
            return "";
        }
        return e >= -3 && e <= 3 ? LrRangeTest.format(Math.pow(10, e)) : "1e" + e;
    }
}
