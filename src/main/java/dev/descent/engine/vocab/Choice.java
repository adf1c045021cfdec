package dev.descent.engine.vocab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chosen vocabulary entry with the parameter values set explicitly; unset parameters take the
 * entry's defaults. Immutable: {@link #with} returns a new choice.
 *
 * <p>In files a choice is written as its name when every parameter is at its default
 * ({@code "he_normal"}), otherwise as an object ({@code {"type": "normal", "std": 0.01}}).
 *
 * @param term   the entry
 * @param values explicitly set parameter values, by key; all keys are parameters of {@code term}
 * @param <T>    the kind of entry
 */
public record Choice<T extends Term>(T term, Map<String, Double> values) {

    public Choice {
        if (term == null) {
            throw new IllegalArgumentException("term is required");
        }
        for (String key : values.keySet()) {
            if (term.param(key).isEmpty()) {
                throw new IllegalArgumentException("'" + term.id() + "' has no parameter '" + key + "'");
            }
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The entry with all parameters at their defaults. */
    public static <T extends Term> Choice<T> of(T term) {
        return new Choice<>(term, Map.of());
    }

    /** The value of {@code key}: the one set, or the entry's default. */
    public double value(String key) {
        Double set = values.get(key);
        if (set != null) {
            return set;
        }
        return term.param(key)
                .orElseThrow(() -> new IllegalArgumentException("'" + term.id() + "' has no parameter '" + key + "'"))
                .defaultValue();
    }

    /** The value of {@code key} as a whole number. */
    public int intValue(String key) {
        return (int) Math.round(value(key));
    }

    /** The value of {@code key} as a switch. */
    public boolean flag(String key) {
        return value(key) != 0;
    }

    /** A copy with {@code key} set to {@code value}. */
    public Choice<T> with(String key, double value) {
        Map<String, Double> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Choice<>(term, copy);
    }

    /** Every set value that is out of its parameter's range, as messages naming the key. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            String problem = term.param(e.getKey()).orElseThrow().problemWith(e.getValue());
            if (problem != null) {
                problems.add(term.id() + ": " + problem);
            }
        }
        return problems;
    }

    /** A compact description, e.g. {@code adam(learningRate=0.01)}. */
    public String describe() {
        if (values.isEmpty()) {
            return term.id();
        }
        StringBuilder b = new StringBuilder(term.id()).append('(');
        String sep = "";
        for (Map.Entry<String, Double> e : values.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(term.param(e.getKey()).orElseThrow().format(e.getValue()));
            sep = ", ";
        }
        return b.append(')').toString();
    }
}
