package dev.descent.lesson;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A part of an experiment, as a lesson names it: the parts a student may change, and the part an attempt
 * changed. Written as
 * <pre>
 *   seed | dataset | normalizer                   the experiment's own settings
 *   training | training.KEY                       epochs, batchSize, evaluateEvery
 *   network | network[ID] | network[ID].KEY       the whole network (nodes and edges), one node, one setting
 *   runs | runs[NAME] | runs[NAME].FIELD          every run (adding and removing them), one run, one field
 * </pre>
 * where {@code ID} and {@code NAME} may be {@code *} (every node, every run) and FIELD is optimizer,
 * schedule, init, activation, normalizer or normalization. A shorter part covers everything below it.
 *
 * @param area the first word: seed, dataset, normalizer, training, network or runs
 * @param name the node id or run name in brackets, {@code *}, or null
 * @param key  the key after the dot, or null
 */
public record Part(String area, String name, String key) {
    /** The areas, in the order an experiment file lists them. */
    public static final List<String> AREAS = List.of("seed", "dataset", "normalizer", "training", "network", "runs");
    /** The keys of {@code training}. */
    public static final List<String> TRAINING_KEYS = List.of("epochs", "batchSize", "evaluateEvery");
    /** The fields of a run a lesson can lock or free. */
    public static final List<String> RUN_FIELDS =
            List.of("optimizer", "schedule", "init", "activation", "normalizer", "normalization");
    /** Every node of the network, or every run. */
    public static final String ANY = "*";

    private static final Pattern SYNTAX = Pattern.compile("([a-z]+)(?:\\[([^\\]]+)\\])?(?:\\.([A-Za-z]+))?");

    /** Whether this part, written as an editable part, covers {@code other}. */
    public boolean covers(Part other) {
        if (!area.equals(other.area)) {
            return false;
        }
        if (name == null) {
            return key == null || key.equals(other.key);
        }
        if (other.name == null || !(name.equals(ANY) || name.equals(other.name))) {
            return false;
        }
        return key == null || key.equals(other.key);
    }

    /** As written in lesson files and messages: {@code runs[Adam].optimizer}. */
    @Override
    public String toString() {
        return area + (name == null ? "" : "[" + name + "]") + (key == null ? "" : "." + key);
    }

    /** {@code text} read as a part (its names unchecked), or empty with no reason when it is malformed. */
    static Optional<Part> parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        return m.matches() ? Optional.of(new Part(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /**
     * Why {@code text} is not a part of an experiment with these node ids (each with its setting keys) and
     * run names, or null if it is one.
     */
    static String problem(String text, java.util.Map<String, List<String>> nodeKeys, List<String> runs) {
        Optional<Part> parsed = parse(text);
        String valid = "; write seed, dataset, normalizer, training[.KEY], network[, [ID] or [ID].KEY]"
                + " or runs[, [NAME] or [NAME].FIELD], with * for every node or run";
        if (parsed.isEmpty() || !AREAS.contains(parsed.get().area)) {
            return "unknown part '" + text + "'" + valid;
        }
        Part p = parsed.get();
        switch (p.area) {
            case "seed", "dataset", "normalizer" -> {
                return p.name == null && p.key == null ? null : "'" + p.area + "' has no parts; write just " + p.area;
            }
            case "training" -> {
                if (p.name != null) {
                    return "training has no [ ]; write training or training.KEY";
                }
                return p.key == null || TRAINING_KEYS.contains(p.key) ? null
                        : "training has no key '" + p.key + "'; its keys are " + String.join(", ", TRAINING_KEYS);
            }
            case "network" -> {
                if (p.name == null) {
                    return p.key == null ? null : "network.KEY names no node; write network[ID]." + p.key
                            + " or network[*]." + p.key;
                }
                if (p.name.equals(ANY)) {
                    boolean any = p.key == null || nodeKeys.values().stream().anyMatch(k -> k.contains(p.key));
                    return any ? null : "no node of the network has the setting '" + p.key + "'";
                }
                List<String> keys = nodeKeys.get(p.name);
                if (keys == null) {
                    return "no node '" + p.name + "' in the lesson's network; its nodes are "
                            + String.join(", ", nodeKeys.keySet());
                }
                return p.key == null || keys.contains(p.key) ? null : "node '" + p.name + "' has no setting '" + p.key
                        + "'; " + (keys.isEmpty() ? "it has no settings" : "its settings are " + String.join(", ", keys));
            }
            default -> {
                if (p.name == null) {
                    return p.key == null ? null : "runs.FIELD names no run; write runs[NAME]." + p.key + " or runs[*]." + p.key;
                }
                if (!p.name.equals(ANY) && !runs.contains(p.name)) {
                    return "no run '" + p.name + "' in the lesson's experiment; its runs are " + String.join(", ", runs);
                }
                return p.key == null || RUN_FIELDS.contains(p.key) ? null
                        : "a run has no field '" + p.key + "'; its fields are " + String.join(", ", RUN_FIELDS);
            }
        }
    }
}
