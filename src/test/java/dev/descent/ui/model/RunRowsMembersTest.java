package dev.descent.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runs panel's row of a run with several members: one row per run of the file, its members counted. */
class RunRowsMembersTest {
    private static final String FILE = """
            { "format": 1, "dataset": { "generator": "moons" }, "training": { "seeds": 4 },
              "runs": [ { "name": "SGD", "optimizer": "sgd" },
                        { "name": "Adam", "optimizer": "adam", "sweep": { "learningRate": [0.01, 0.1] } } ] }
            """;

    private static RunSummary summary(RunStatus status, int steps) {
        return new RunSummary("m", status, steps, status == RunStatus.DIVERGED ? steps : -1, 0.5, 0.5, 0.5, 0.9, 1, steps,
                "");
    }

    @Test
    void aRowCountsItsDivergedMembersAndShowsTheirMeanProgress() throws Exception {
        // given SGD's 4 members (0-3) and Adam's 2 points x 4 seeds (4-11) training 100 steps
        Experiment e = ExperimentReader.parse(FILE, null);
        RunRows rows = new RunRows();
        rows.rebuild(e, e, 12);
        List<RunSummary> summaries = new ArrayList<>();
        summaries.add(summary(RunStatus.COMPLETED, 100));
        summaries.add(summary(RunStatus.DIVERGED, 7));
        summaries.add(summary(RunStatus.COMPLETED, 100));
        summaries.add(summary(RunStatus.DIVERGED, 12));
        for (int i = 0; i < 8; i++) {
            summaries.add(summary(RunStatus.TRAINING, 10 * i));
        }

        // when the rows follow them
        rows.update(summaries, 100, true);

        // then SGD says how many of its members diverged and is done; Adam's row is its 8 members' mean progress
        assertEquals(2, rows.list().size());
        assertEquals("completed · 2/4 diverged", rows.list().get(0).statusProperty().get());
        assertEquals(1.0, rows.list().get(0).progressProperty().get(), 1e-12);
        assertEquals("training", rows.list().get(1).statusProperty().get());
        assertEquals((0 + 10 + 20 + 30 + 40 + 50 + 60 + 70) / 800.0, rows.list().get(1).progressProperty().get(), 1e-12);
    }

    @Test
    void everyMemberDivergedSaysSo() throws Exception {
        Experiment e = ExperimentReader.parse(FILE, null);
        RunRows rows = new RunRows();
        rows.rebuild(e, e, 12);
        List<RunSummary> summaries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            summaries.add(summary(i < 4 ? RunStatus.DIVERGED : RunStatus.COMPLETED, 50));
        }

        rows.update(summaries, 100, true);

        assertEquals("4/4 diverged", rows.list().get(0).statusProperty().get());
        assertEquals("completed", rows.list().get(1).statusProperty().get());
    }
}
