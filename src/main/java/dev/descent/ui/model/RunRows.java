package dev.descent.ui.model;

import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.RunSpec;
import java.util.List;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The runs panel's rows: one per run of the project, with its name, colour, optimizer, learning rate and
 * schedule, and, for a row that shows a run of the current comparison ("live"), that run's status,
 * progress and speed. FX thread only.
 */
final class RunRows {
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    /** Per row: whether it shows a run of the current comparison (worked out when the project changes). */
    private boolean[] live = new boolean[0];

    ObservableList<RunRow> list() {
        return rows;
    }

    /**
     * One row per run of {@code now}; rows of runs that {@code trained} (the current comparison's
     * experiment, or null) trains as they are show its progress, the others are ready.
     */
    void rebuild(Experiment now, Experiment trained, int trainedRuns) {
        List<RunSpec> runs = now.runs();
        while (rows.size() > runs.size()) {
            rows.remove(rows.size() - 1);
        }
        while (rows.size() < runs.size()) {
            rows.add(new RunRow());
        }
        live = new boolean[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            live[i] = trains(now, trained, trainedRuns, i);
        }
        for (int i = 0; i < runs.size(); i++) {
            RunSpec run = runs.get(i);
            RunRow row = rows.get(i);
            row.nameProperty().set(run.name());
            row.colorProperty().set(RunColors.of(i));
            row.optimizerProperty().set(run.optimizer().term().explained().title());
            row.learningRateProperty().set(StatusLines.number(run.optimizer().value(OptimizerType.LEARNING_RATE)));
            row.scheduleProperty().set(run.schedule().describe());
            if (!live[i]) {
                row.statusProperty().set("ready");
                row.progressProperty().set(0);
                row.speedProperty().set("");
            }
        }
    }

    /**
     * Copies each live run's status into its row; its progress and speed too when {@code figures} (or
     * when the run just ended).
     */
    void update(List<RunSummary> summaries, int total, boolean figures) {
        for (int i = 0; i < summaries.size(); i++) {
            RunSummary s = summaries.get(i);
            if (i < live.length && live[i]) {
                RunRow row = rows.get(i);
                row.statusProperty().set(StatusLines.status(s)); // fires only when it changes: a divergence shows at once
                if (figures || s.status().isFinal()) {
                    row.progressProperty().set(s.status() == RunStatus.COMPLETED ? 1.0 : s.steps() / (double) total);
                    row.speedProperty().set(StatusLines.speed(s));
                }
            }
        }
    }

    /**
     * Whether row {@code i} shows a run of the current comparison: the project's run {@code i} is the one
     * being trained, on the same network and data. A run added or edited since Train shows "ready" (it
     * trains at the next Train) while the others keep their live status.
     */
    private static boolean trains(Experiment now, Experiment trained, int trainedRuns, int i) {
        if (trained == null || i >= trainedRuns || i >= now.runs().size()) {
            return false;
        }
        return now.runs().get(i).equals(trained.runs().get(i)) && unplaced(now.network()).equals(unplaced(trained.network()))
                && now.dataset().equals(trained.dataset()) && now.training().equals(trained.training())
                && now.seed() == trained.seed() && Objects.equals(now.normalizer(), trained.normalizer());
    }

    /** The network without canvas positions: moving a node changes nothing that trains. */
    private static NetworkSpec unplaced(NetworkSpec network) {
        return new NetworkSpec(network.nodes().stream().map(n -> n.withPosition(null)).toList(), network.edges());
    }
}
