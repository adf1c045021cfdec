package dev.descent.ui.inside;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.Snapshots;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * What the Inside tab shows: which run, and at which step (the time scrub). While {@link #followProperty()}
 * is on, the step follows the newest snapshot; moving the scrub turns it off. Reads only what the runs
 * publish (their {@link Snapshots} and {@link RunHistory}), never waiting on a trainer. FX thread only.
 */
final class InsideModel {
    private final ReadOnlyIntegerWrapper run = new ReadOnlyIntegerWrapper(0);
    private final IntegerProperty step = new SimpleIntegerProperty(1);
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final ReadOnlyIntegerWrapper lastStep = new ReadOnlyIntegerWrapper(1);
    private LockstepComparison comparison;

    /** The comparison shown, or null. */
    void setComparison(LockstepComparison comparison) {
        this.comparison = comparison;
        if (comparison == null || run.get() >= comparison.runCount()) {
            run.set(0);
        }
        follow.set(true);
        update();
    }

    LockstepComparison comparison() {
        return comparison;
    }

    /** Shows run {@code i} (ignored if there is no such run). */
    void setRun(int i) {
        if (comparison != null && i >= 0 && i < comparison.runCount()) {
            run.set(i);
            update();
        }
    }

    ReadOnlyIntegerProperty runProperty() {
        return run.getReadOnlyProperty();
    }

    /** The scrubbed step: the histograms show the last snapshot at or before it. */
    IntegerProperty stepProperty() {
        return step;
    }

    BooleanProperty followProperty() {
        return follow;
    }

    /** The newest step with a snapshot of the run shown (1 before any). */
    ReadOnlyIntegerProperty lastStepProperty() {
        return lastStep.getReadOnlyProperty();
    }

    /** Reads the newest step published; while following, moves the scrub to it. */
    void update() {
        Snapshots s = snapshots();
        int last = s == null || s.latest() == null ? 1 : s.latest().step();
        lastStep.set(last);
        if (follow.get() || step.get() > last) {
            step.set(last);
        }
    }

    /** The shown run's snapshots, or null. */
    Snapshots snapshots() {
        return comparison == null ? null : comparison.snapshots(run.get());
    }

    /** The shown run's history, or null. */
    RunHistory history() {
        return comparison == null ? null : comparison.history(run.get());
    }
}
