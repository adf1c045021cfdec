package dev.descent.ui.model;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Values typed into the window that are not valid (shown in red under their field) and so were not
 * applied. While there is one, training cannot start: it would silently train with the old value the
 * user meant to replace. A field reports its problem when its text is refused and withdraws it when the
 * text is corrected, restored (Escape) or the form goes away. FX thread only.
 */
public final class InvalidInputs {
    private final Map<Object, String> problems = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper first = new ReadOnlyStringWrapper();

    /**
     * Records that the field {@code field} holds a refused value.
     *
     * @param field   the field (any object that identifies it)
     * @param problem one sentence: what the field is and what is wrong, e.g. "run 'Adam', learning rate:
     *                learningRate must be a number, got 'abc'"
     */
    public void report(Object field, String problem) {
        problems.put(field, problem);
        update();
    }

    /** The field no longer holds a refused value. */
    public void withdraw(Object field) {
        if (problems.remove(field) != null) {
            update();
        }
    }

    /** The first refused value's sentence, or null when every field is valid. */
    public ReadOnlyStringProperty firstProperty() {
        return first.getReadOnlyProperty();
    }

    public String first() {
        return first.get();
    }

    private void update() {
        first.set(problems.isEmpty() ? null : problems.values().iterator().next());
    }
}
