package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.StepEvents;
import java.util.ArrayList;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A sweep of ten points with two members each: the legend counts them instead of naming each, and the
 * notes count the divergences instead of covering the chart with one sentence per member.
 */
@ExtendWith(ApplicationExtension.class)
class SweepLegendTest {
    private ChartHarness harness;

    @Start
    void start(Stage stage) {
        harness = new ChartHarness(stage);
    }

    private static RunHistory losses(double... values) {
        RunHistory h = new RunHistory();
        StepEvents.losses(h, values);
        return h;
    }

    /** Points "lr=p" for p = 0…9, members #0 and #1; member #1 of points 5…9 diverged at step 2 + p. */
    private void sweep() {
        for (int p = 0; p < 10; p++) {
            harness.member("lr=" + p + " #0", "lr=" + p, losses(1, 0.5, 0.25), -1);
            boolean diverges = p >= 5;
            harness.member("lr=" + p + " #1", "lr=" + p, diverges ? losses(1, 1e6, 1e12) : losses(1, 0.6, 0.3),
                    diverges ? 2 + p : -1);
        }
    }

    @Test
    void theLegendCountsTheTenPointsAndTheNoteCountsTheDivergedMembers() throws Exception {
        LossChart chart = harness.show(new LossChart());
        sweep();
        harness.refresh(chart);
        List<String> labels = ChartHarness.onFx(() -> {
            List<String> l = new ArrayList<>();
            org.jfree.chart.LegendItemCollection items = chart.legend(harness.input());
            for (int i = 0; i < items.getItemCount(); i++) {
                l.add(items.get(i).getLabel());
            }
            return l;
        });
        assertEquals(List.of("10 runs (the Compare tab lists them)", "training", "validation"), labels);
        assertEquals("5/20 members diverged (5 runs), left out of the means",
                ChartHarness.onFx(chart::noteText));
    }

    @Test
    void theAccuracyNoteCountsDivergedMembersAndNamesTheFirst() throws Exception {
        RunMetricChart chart = harness.show(RunMetricChart.validationAccuracy());
        sweep();
        harness.refresh(chart);
        String note = ChartHarness.onFx(() -> chart.note(harness.input()));
        // no member has an accuracy curve here, so the note is the no-data message's text
        assertEquals("", note);
        assertEquals("5 of 20 members diverged, the first lr=5 #1 at step 7; the runs table and the Compare tab list them",
                ChartHarness.onFx(() -> chart.plot().getNoDataMessage()));
    }
}
