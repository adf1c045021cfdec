package dev.descent.ui.model;

import javafx.beans.value.ObservableValue;

/**
 * When an edit made in the window takes effect on the runs, decided in this one place, so that the
 * window can say so before the edit is made (a note above the fields) and never lets an edit silently
 * break the live view.
 *
 * <p>While runs train or pause, a run's optimizer hyperparameters and schedule parameters apply at its
 * next step ({@link When#LIVE}: the session passes them on, {@link TrainingSession}); everything else
 * (another optimizer or schedule kind, overrides, the network, the data) applies after Reset, and the
 * runs go on as they started until then.
 */
public final class EditTiming {
    /** What an edit changes. */
    public enum Kind {
        /** A run's optimizer hyperparameters or schedule parameters (learning rate, momentum, ...). */
        HYPERPARAMETER,
        /** The rest of a run: its name, optimizer, schedule kind, overrides. */
        RUN,
        /** The shared network. */
        NETWORK,
        /** The data and the shared training settings. */
        DATA
    }

    /** When the edit takes effect. */
    public enum When {
        /** Nothing is training: the edit is simply what the next Train trains. */
        NEXT_TRAIN,
        /** At the run's next step. */
        LIVE,
        /** When the comparison is reset and trained again; it goes on as it started until then. */
        AFTER_RESET,
        /** Not at all while the runs train (the field is read-only). */
        REFUSED
    }

    /**
     * A decision and its reason, in words the window shows above the fields (null when there is
     * nothing to say).
     */
    public record Decision(When when, String because) {
    }

    private final TrainingSession session;

    EditTiming(TrainingSession session) {
        this.session = session;
    }

    /**
     * When an edit of {@code kind} takes effect now.
     *
     * @param run the run edited (its index in the project), or -1 for the network and the data
     */
    public Decision decide(Kind kind, int run) {
        TrainingSession.State state = session.state();
        boolean training = state == TrainingSession.State.RUNNING || state == TrainingSession.State.PAUSED
                || state == TrainingSession.State.PREPARING;
        if (!training) {
            return new Decision(When.NEXT_TRAIN, null);
        }
        String now = switch (state) {
            case PAUSED -> "are paused";
            case PREPARING -> "are starting";
            default -> "are training";
        };
        if (kind == Kind.HYPERPARAMETER && run < session.trainedRunCount() && !session.runEnded(run)) {
            return new Decision(When.LIVE, "The runs " + now + ": this run's optimizer and schedule values apply at "
                    + "its next step. Another optimizer, schedule kind or override applies after Reset.");
        }
        return switch (kind) {
            case HYPERPARAMETER, RUN -> run >= session.trainedRunCount()
                    ? new Decision(When.AFTER_RESET, "The runs " + now + " without this one: it trains after Reset "
                    + "and Train.")
                    : session.runEnded(run)
                    ? new Decision(When.AFTER_RESET, "This run has ended: changes to it apply after Reset.")
                    : new Decision(When.AFTER_RESET, "The runs " + now + ": changes to this run apply after Reset. "
                    + "Until then it goes on as it started.");
            case NETWORK -> new Decision(When.AFTER_RESET, "The runs " + now + ": changes to the network apply "
                    + "after Reset. Until then they go on as they started.");
            case DATA -> new Decision(When.AFTER_RESET, "The runs " + now + ": changes to the data and training "
                    + "settings apply after Reset. Until then they go on as they started.");
        };
    }

    /** Changes whenever a decision may change. */
    public ObservableValue<?> changes() {
        return session.stateProperty();
    }
}
