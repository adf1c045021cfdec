package dev.descent.ui.charts;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The members of one run of the file as the charts draw them: a run with several members (seeds, or
 * the seeds of a sweep point) is one mean curve in its group's colour; members that diverged leave the
 * mean and are counted. Immutable.
 *
 * @param name    the run's name ({@link ChartInput.Run#group()})
 * @param color   its colour (that of its first member)
 * @param members its members, in comparison order
 */
record MemberGroup(String name, Color color, List<ChartInput.Run> members) {
    MemberGroup {
        members = List.copyOf(members);
    }

    /** {@code runs} grouped by {@link ChartInput.Run#group()}, in the order of each group's first member. */
    static List<MemberGroup> of(List<ChartInput.Run> runs) {
        Map<String, List<ChartInput.Run>> byGroup = new LinkedHashMap<>();
        for (ChartInput.Run run : runs) {
            byGroup.computeIfAbsent(run.group(), k -> new ArrayList<>()).add(run);
        }
        List<MemberGroup> groups = new ArrayList<>(byGroup.size());
        byGroup.forEach((name, members) -> groups.add(new MemberGroup(name, members.get(0).color(), members)));
        return groups;
    }

    /** Whether it is drawn as a mean over members (more than one). */
    boolean ensemble() {
        return members.size() > 1;
    }

    /** Members that did not diverge: the mean is theirs. */
    List<ChartInput.Run> kept() {
        return members.stream().filter(m -> !m.diverged() && m.history() != null).toList();
    }

    int divergedCount() {
        return (int) members.stream().filter(ChartInput.Run::diverged).count();
    }

    /** "Adam: 2/4 members diverged", or "" when none did. */
    String divergedText() {
        int d = divergedCount();
        return d == 0 ? "" : String.format(Locale.ROOT, "%s: %d/%d members diverged", name, d, members.size());
    }
}
