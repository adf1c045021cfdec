package dev.descent.ui.model;

import dev.descent.engine.Engine;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Starts ND4J in the background when the window opens (loading its native libraries takes a second or
 * two), so the window appears at once and says what it is waiting for.
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
            String text;
            boolean ok;
            try {
                Engine.checkSettings();
                Engine.initialize();
                text = Engine.backendDescription();
                ok = true;
            } catch (Throwable t) {
                text = "ND4J failed to start: " + t.getMessage();
                ok = false;
            }
            String finalText = text;
            boolean finalOk = ok;
            fx.execute(() -> {
                failure = finalOk ? null : finalText;
                description.set(finalText);
                ready.set(finalOk);
            });
        });
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
