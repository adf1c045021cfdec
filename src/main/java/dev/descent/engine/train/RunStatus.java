package dev.descent.engine.train;

/** Where a run is in its life. */
public enum RunStatus {
    /** Built, not started. */
    READY("ready"),
    /** Taking steps. */
    TRAINING("training"),
    /** Waiting for resume, a single step or stop. */
    PAUSED("paused"),
    /** Took every step it was asked to. */
    COMPLETED("completed"),
    /** Its loss or a parameter became NaN or infinite; it stopped there. A result, not an error. */
    DIVERGED("diverged"),
    /** Stopped on request before the end. */
    STOPPED("stopped"),
    /** Stopped by an internal error (a bug); the message says what. */
    FAILED("failed");

    private final String id;

    RunStatus(String id) {
        this.id = id;
    }

    /** Lower-case name for files and the window. */
    public String id() {
        return id;
    }

    /** Whether the run will take no more steps. */
    public boolean isFinal() {
        return this == COMPLETED || this == DIVERGED || this == STOPPED || this == FAILED;
    }
}
