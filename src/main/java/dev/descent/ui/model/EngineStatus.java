package dev.descent.ui.model;

import dev.descent.engine.Engine;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Whether ND4J is ready for training, and what the status bar says about it. The window's launcher
 * starts ND4J before the JavaFX toolkit ({@code NativeStartup}) and reports the outcome with
 * {@link #startedBefore}; {@link #start} loads it in the background instead, for windows built without
 * the launcher (tests).
 */
public final class EngineStatus {
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("Starting ND4J…");
    private volatile String failure;

    /**
     * @param background where to load ND4J
     * @param fx         where to publish the result (the FX thread)
     */
    public void start(Executor background, Executor fx) {
        background.execute(() -> {
            Outcome outcome = Outcome.startNow();
            fx.execute(() -> startedBefore(outcome));
        });
    }

    /** Reports ND4J as started (or failed) already, e.g. before the window opened. FX thread. */
    public void startedBefore(Outcome outcome) {
        failure = outcome.failure();
        description.set(outcome.failure() != null ? outcome.failure() : outcome.description());
        ready.set(outcome.failure() == null);
    }

    /**
     * How starting ND4J went.
     *
     * @param description the backend in one line, e.g. "ND4J Cpu · OPENBLAS · 2 cores", when it started
     * @param failure     "ND4J failed to start: …" when it did not, else null
     */
    public record Outcome(String description, String failure) {

        /** Starts ND4J on the calling thread (checking Descent's -D settings first); never throws. */
        public static Outcome startNow() {
            try {
                Engine.checkSettings();
                Engine.initialize();
                return new Outcome(Engine.backendDescription(), null);
            } catch (Throwable t) {
                return new Outcome(null, "ND4J failed to start: " + t.getMessage());
            }
        }
    }

    /** Why ND4J did not start, or null (still starting, or ready). */
    public String failure() {
        return failure;
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public boolean isReady() {
        return ready.get();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }
}
