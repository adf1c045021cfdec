package dev.descent.ui.lessons;

import dev.descent.engine.graph.Problem;
import dev.descent.experiment.Experiment;
import dev.descent.lesson.Lesson;
import dev.descent.lesson.Locks;
import dev.descent.lesson.Part;
import dev.descent.ui.inspector.InspectorView;
import java.util.List;

/**
 * A lesson's locks as the window applies them: which inspector fields are disabled, and why an edit is
 * refused. Both come from {@link Locks}, the same rules {@code descent lesson check} applies to an attempt.
 */
final class WindowLocks implements InspectorView.FieldLock {
    /** The tooltip of a locked field. */
    static final String LOCKED = "locked by the lesson";

    private final Lesson lesson;

    WindowLocks(Lesson lesson) {
        this.lesson = lesson;
    }

    private Locks locks() {
        return lesson.challenge().locks();
    }

    /** Why {@code attempt} may not be made: the first locked part it changes, or null. */
    String refusal(Experiment attempt) {
        List<Problem> found = locks().violations(lesson.experiment(), attempt);
        if (found.isEmpty()) {
            return null;
        }
        return found.get(0).where() + " is locked by the lesson"
                + (found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : "");
    }

    @Override
    public String reason(String kind, String subject, String key) {
        Part part = part(kind, subject, key.split("-", 2)[0]);
        return part == null || locks().allows(part) ? null : LOCKED;
    }

    /** The part a field edits, or null for a field the lesson never locks (a name, a run added by the student). */
    Part part(String kind, String subject, String key) {
        Experiment preset = lesson.experiment();
        switch (kind) {
            case "run" -> {
                if (preset.runs().stream().noneMatch(r -> r.name().equals(subject))) {
                    return null; // the student's own run
                }
                return switch (key) {
                    case "name" -> new Part("runs", subject, null);
                    case "runNormalizer" -> new Part("runs", subject, "normalizer");
                    default -> Part.RUN_FIELDS.contains(key) ? new Part("runs", subject, key) : null;
                };
            }
            case "node" -> {
                if (key.equals("id")) {
                    return new Part("network", null, null);
                }
                if (key.equals("normalizer")) {
                    return new Part("normalizer", null, null);
                }
                return new Part("network", subject, key);
            }
            default -> {
                return switch (key) {
                    case "name" -> null;
                    case "seed" -> new Part("seed", null, null);
                    case "normalizer" -> new Part("normalizer", null, null);
                    case "epochs", "batchSize", "evaluateEvery" -> new Part("training", null, key);
                    default -> new Part("dataset", null, null);
                };
            }
        }
    }
}
