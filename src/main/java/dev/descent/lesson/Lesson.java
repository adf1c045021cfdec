package dev.descent.lesson;

import dev.descent.engine.landscape.TestFunction;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import dev.descent.experiment.Experiment;
import java.nio.file.Path;
import java.util.List;

/**
 * A lesson: a short text in steps, the experiment it shows, what to watch at each step, and a challenge
 * with a hint and a solution (see {@code docs/lesson-format.md}). Immutable.
 *
 * @param title      shown on the start page and above the text
 * @param summary    one line for the start page (may be empty)
 * @param experiment the preset experiment the lesson opens with
 * @param steps      the text, at least one step
 * @param challenge  what the student is asked to do
 * @param race       the optimizer race the lesson opens with its button, or null for none
 * @param file       the lesson file, or null for a lesson not read from a file
 */
public record Lesson(String title, String summary, Experiment experiment, List<Step> steps, Challenge challenge,
                     Race race, LossScale lossScale, Path file) {
    /** The lesson format version this build reads. */
    public static final int FORMAT = 1;

    /**
     * The loss chart's y axis a lesson opens with ({@code "lossScale"}); null in a lesson: as the user left it.
     * A lesson whose runs span many decades (a divergence beside a crawl) reads only on a log axis.
     */
    public enum LossScale {
        LINEAR, LOG;

        /** The file's word for this scale. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Lesson {
        steps = List.copyOf(steps);
    }

    /**
     * One page of the text.
     *
     * @param title shown above the text
     * @param text  Markdown: paragraphs, **bold**, *italic*, `code`, lists
     * @param watch what the window outlines while the step is shown
     */
    public record Step(String title, String text, List<Pointer> watch) {
        public Step {
            watch = List.copyOf(watch);
        }
    }

    /**
     * The task at the end of the lesson.
     *
     * @param text     what to do, in Markdown
     * @param goal     what the check measures
     * @param locks    which parts of the experiment the student may change
     * @param hint     a nudge, in Markdown
     * @param solution an experiment that meets the goal, changing only editable parts
     */
    public record Challenge(String text, Goal goal, Locks locks, String hint, Experiment solution) {
    }

    /**
     * The optimizer race a lesson opens (its {@code race} key): a test function of
     * {@code descent trajectory}, the start every optimizer leaves from, and who races.
     *
     * @param function   the landscape
     * @param startX     x of the start
     * @param startY     y of the start
     * @param optimizers the contestants with their hyperparameters, each type at most once; empty means the
     *                   race's own five (SGD, momentum, RMSprop, Adagrad, Adam)
     */
    public record Race(TestFunction function, double startX, double startY, List<Choice<OptimizerType>> optimizers) {
        public Race {
            optimizers = List.copyOf(optimizers);
        }

        /** {x, y} of the start, a new array. */
        public double[] start() {
            return new double[]{startX, startY};
        }
    }
}
