package dev.descent.lesson;

import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Problem.Section;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.PreparedExperiment;
import dev.descent.experiment.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Checks a challenge: refuses an attempt that changes a locked part, trains the runs the goal measures
 * and judges the goal on them. The command line ({@code descent lesson check}) and the window's Check
 * button judge with the same {@link #judge} on the same {@link Result}s, the window on the runs it has
 * trained.
 *
 * <p>Only the runs the goal names are trained: every run of a comparison starts from the same weights and
 * sees the same batches whatever other runs train beside it, so leaving the others out changes no
 * number.
 */
public final class ChallengeCheck {
    private ChallengeCheck() {
    }

    /**
     * A trained run, as the goal reads it.
     *
     * @param summary how it ended
     * @param history its metrics, or null when only the summary is known
     */
    public record Result(RunSummary summary, RunHistory history) {
    }

    /**
     * Why {@code attempt} cannot be checked against {@code lesson}: every locked part it changes, and every
     * run the goal measures that it lacks. Empty when it can.
     */
    public static List<Problem> refusals(Lesson lesson, Experiment attempt) {
        List<Problem> found = new ArrayList<>(lesson.challenge().locks().violations(lesson.experiment(), attempt));
        for (String run : lesson.challenge().goal().runs()) {
            if (attempt.runs().stream().noneMatch(r -> r.name().equals(run))) {
                Problem missing = Problem.of(Section.RUNS, "runs", "has no run '" + run
                        + "'; the challenge measures it, so keep it (and its name)");
                if (found.stream().noneMatch(p -> p.where().equals("runs[" + run + "]"))) {
                    found.add(missing);
                }
            }
        }
        return found;
    }

    /**
     * Trains the runs of {@code attempt} that the goal measures and judges the goal.
     *
     * @throws ExperimentException when the attempt changes a locked part, lacks a measured run, or cannot train
     */
    public static Verdict check(Lesson lesson, Experiment attempt) throws ExperimentException, InterruptedException {
        List<Problem> refused = refusals(lesson, attempt);
        if (!refused.isEmpty()) {
            throw new ExperimentException(refused);
        }
        Goal goal = lesson.challenge().goal();
        List<RunSpec> measured = attempt.runs().stream().filter(r -> goal.runs().contains(r.name())).toList();
        PreparedExperiment prepared = PreparedExperiment.prepare(attempt.withRuns(measured));
        Map<String, Result> results = new LinkedHashMap<>();
        try (LockstepComparison comparison = prepared.comparison(0)) {
            comparison.start();
            while (!comparison.await(100, TimeUnit.MILLISECONDS)) {
                // training; the runs stop on their own at the end of the file's epochs
            }
            List<RunSummary> summaries = comparison.summaries();
            for (int i = 0; i < summaries.size(); i++) {
                results.put(summaries.get(i).name(), new Result(summaries.get(i), comparison.history(i)));
            }
        }
        return judge(goal, results);
    }

    /**
     * Judges {@code goal} on trained runs by name.
     *
     * @throws IllegalArgumentException if a run the goal measures is not among {@code results}
     */
    public static Verdict judge(Goal goal, Map<String, Result> results) {
        Result measured = results.get(goal.run());
        if (measured == null) {
            throw new IllegalArgumentException("no result for run '" + goal.run() + "'");
        }
        double value = goal.metric().of(measured.summary(), measured.history());
        double other = Double.NaN;
        if (goal.comparesRuns()) {
            Result o = results.get(goal.otherRun());
            if (o == null) {
                throw new IllegalArgumentException("no result for run '" + goal.otherRun() + "'");
            }
            other = goal.metric().of(o.summary(), o.history());
        }
        return new Verdict(goal, goal.isMet(value, other), value, other, whyNoValue(measured.summary()));
    }

    private static String whyNoValue(RunSummary s) {
        return switch (s.status()) {
            case DIVERGED -> "diverged at step " + s.divergedAtStep();
            case FAILED -> "failed: " + s.message();
            default -> Double.isNaN(s.validationAccuracy()) && Double.isNaN(s.finalValidationLoss())
                    ? "never evaluated" : "";
        };
    }
}
