package dev.descent.ui.compare;

import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.Spread;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A run of the experiment (or one point of a swept run) over its members at one moment. Every figure
 * over members is taken over those that did not diverge; the diverged ones are counted. Immutable.
 *
 * @param name     the run's name as files and charts give it ({@code Adam lr=0.003})
 * @param sweptRun the swept run this is a point of, or null
 * @param point    the point's swept values by key, in axis order (empty without a sweep)
 * @param members  its members, by member number
 */
public record RunGroup(String name, String sweptRun, Map<String, Double> point, List<MemberTrace> members) {

    public RunGroup {
        point = Collections.unmodifiableMap(new LinkedHashMap<>(point));
        members = List.copyOf(members);
    }

    /** Members that did not diverge. */
    public List<MemberTrace> kept() {
        return members.stream().filter(m -> !m.diverged()).toList();
    }

    public int divergedCount() {
        return members.size() - kept().size();
    }

    /** Share of members that diverged. */
    public double divergedShare() {
        return members.isEmpty() ? 0 : divergedCount() / (double) members.size();
    }

    /** {@code 3/8 diverged}, or empty when none did. */
    public String divergedText() {
        int d = divergedCount();
        return d == 0 ? "" : d + "/" + members.size() + " diverged";
    }

    /** Whether any member has taken a step. */
    public boolean started() {
        return members.stream().anyMatch(MemberTrace::started);
    }

    /** Whether every member has ended. */
    public boolean finished() {
        return members.stream().allMatch(m -> m.summary().status().isFinal());
    }

    /** The mean training loss curve with its spread over the members that did not diverge. */
    public Band band() {
        return Band.of(kept().stream().map(MemberTrace::trainLoss).toList());
    }

    /** The spread over non-diverged members of one figure. */
    public Spread spread(ToDoubleFunction<MemberTrace> figure) {
        return Spread.of(kept().stream().mapToDouble(figure).toArray());
    }

    public Spread finalTrainLoss() {
        return spread(m -> m.summary().finalTrainLoss());
    }

    public Spread bestTrainLoss() {
        return spread(MemberTrace::bestTrainLoss);
    }

    public Spread finalValidationLoss() {
        return spread(m -> m.summary().finalValidationLoss());
    }

    public Spread bestValidationLoss() {
        return spread(m -> m.summary().bestValidationLoss());
    }

    public Spread bestValidationAccuracy() {
        return spread(MemberTrace::bestValidationAccuracy);
    }

    /** The first step at which a member diverged, or -1. */
    public int divergedAt() {
        return members.stream().filter(MemberTrace::diverged).mapToInt(m -> m.summary().divergedAtStep()).min().orElse(-1);
    }

    /** The longest any member has trained (members train side by side), in seconds. */
    public double wallSeconds() {
        return members.stream().mapToDouble(m -> m.summary().wallSeconds()).max().orElse(0);
    }

    /** Steps per second of one member, averaged over the members. */
    public double stepsPerSecond() {
        return Spread.of(members.stream().mapToDouble(m -> m.summary().stepsPerSecond()).toArray()).mean();
    }

    /** The status shown for the run: that of its members when they agree, else "training" or "diverged" mixes. */
    public String status() {
        if (members.stream().allMatch(m -> m.summary().status() == RunStatus.DIVERGED)) {
            return RunStatus.DIVERGED.id();
        }
        RunStatus first = members.get(0).summary().status();
        boolean same = members.stream().allMatch(m -> m.summary().status() == first);
        return same ? first.id() : members.stream().anyMatch(m -> !m.summary().status().isFinal()) ? "training" : "ended";
    }

    /** The index in the comparison of its first member: the run a click selects. */
    public int firstIndex() {
        return members.get(0).index();
    }
}
