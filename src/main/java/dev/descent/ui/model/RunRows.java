package dev.descent.ui.model;

import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.RunSpec;
import dev.descent.experiment.SweepPoints;
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
    /**
     * Per row of a trained run: its first member's index in the comparison and how many members it has
     * (sweep points times seeds; one for a plain run), in the stable member order.
     */
    private int[] firstMember = new int[0];
    private int[] members = new int[0];

    ObservableList<RunRow> list() {
        return rows;
    }

    /**
     * One row per run of {@code now}. A row that shows a run of the current comparison ({@code trained},
     * the experiment it trains, or null) describes that run as it trains and follows its progress, even
     * after the run was edited: edits apply after Reset, and until then the row, the charts and the status
     * line go on showing what trains. The other rows are ready.
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
        firstMember = new int[runs.size()];
        members = new int[runs.size()];
        int next = 0;
        for (int i = 0; trained != null && i < trained.runs().size(); i++) {
            int own = SweepPoints.of(trained.runs().get(i)).size() * trained.training().seeds();
            if (i < runs.size()) {
                firstMember[i] = next;
                members[i] = own;
            }
            next += own;
        }
        for (int i = 0; i < runs.size(); i++) {
            RunSpec run = live[i] ? trained.runs().get(i) : runs.get(i);
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
                row.detailProperty().set("");
            }
        }
    }

    /**
     * Copies each live run's status into its row; its progress and speed too when {@code figures} (or
     * when the run just ended).
     */
    void update(List<RunSummary> summaries, int total, boolean figures) {
        for (int i = 0; i < live.length; i++) {
            if (live[i] && members[i] > 1 && firstMember[i] + members[i] <= summaries.size()) {
                updateMembers(rows.get(i), summaries.subList(firstMember[i], firstMember[i] + members[i]), total, figures);
                continue;
            }
            int at = members[i] > 0 ? firstMember[i] : i;
            if (at >= summaries.size()) {
                continue;
            }
            RunSummary s = summaries.get(at);
            if (live[i]) {
                RunRow row = rows.get(i);
                row.statusProperty().set(StatusLines.status(s)); // fires only when it changes: a divergence shows at once
                row.detailProperty().set(s.message() == null ? "" : s.message());
                if (figures || s.status().isFinal()) {
                    row.progressProperty().set(s.status() == RunStatus.COMPLETED ? 1.0 : s.steps() / (double) total);
                    row.speedProperty().set(StatusLines.speed(s));
                }
            }
        }
    }

    /**
     * A row of a run with several members (seeds, sweep points): member 0's status with how many diverged
     * ({@code completed · 3/8 diverged}; diverged members are counted, never dropped), the members' mean
     * progress, and member 0's speed.
     */
    private static void updateMembers(RunRow row, List<RunSummary> own, int total, boolean figures) {
        long diverged = own.stream().filter(s -> s.status() == RunStatus.DIVERGED).count();
        RunSummary first = own.get(0);
        boolean allEnded = own.stream().allMatch(s -> s.status().isFinal());
        String count = diverged + "/" + own.size() + " diverged";
        String status = first.status() == RunStatus.DIVERGED ? (allEnded ? "ended" : "training") : StatusLines.status(first);
        row.statusProperty().set(diverged == 0 ? status : diverged == own.size() ? count : status + " · " + count);
        if (figures || allEnded) {
            double progress = 0;
            for (RunSummary s : own) {
                progress += s.status().isFinal() && s.status() != RunStatus.STOPPED ? 1.0 : s.steps() / (double) total;
            }
            row.progressProperty().set(progress / own.size());
            row.speedProperty().set(StatusLines.speed(first));
        }
    }

    /**
     * Whether row {@code i} shows a run of the current comparison: the comparison trains a run {@code i}
     * and it is the project's run {@code i}, edited or not (the runs are the same in number, or that run
     * kept its name). A run added since Train shows "ready": it trains at the next Train.
     */
    private static boolean trains(Experiment now, Experiment trained, int trainedRuns, int i) {
        if (trained == null || i >= trainedRuns || i >= now.runs().size() || i >= trained.runs().size()) {
            return false;
        }
        return now.runs().size() == trained.runs().size() || now.runs().get(i).name().equals(trained.runs().get(i).name());
    }

    /** Whether {@code now} trains differently from {@code trained} (canvas positions aside). */
    static boolean edited(Experiment now, Experiment trained) {
        return !now.runs().equals(trained.runs()) || !unplaced(now.network()).equals(unplaced(trained.network()))
                || !now.dataset().equals(trained.dataset()) || !now.training().equals(trained.training())
                || now.seed() != trained.seed() || !Objects.equals(now.normalizer(), trained.normalizer());
    }

    /** The network without canvas positions: moving a node changes nothing that trains. */
    private static NetworkSpec unplaced(NetworkSpec network) {
        return new NetworkSpec(network.nodes().stream().map(n -> n.withPosition(null)).toList(), network.edges());
    }
}
