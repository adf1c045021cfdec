package dev.descent.lesson;

import dev.descent.experiment.Experiment;
import dev.descent.experiment.RunSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A "what to watch" pointer of a lesson step: the panel, chart, node or run the window outlines while
 * the step is shown. Its text is one of
 * <ul>
 *   <li>a panel of the window: {@link #PANELS};</li>
 *   <li>{@code node:<id>}: a node of the lesson's network;</li>
 *   <li>{@code run:<name>}: a run of the lesson's experiment;</li>
 *   <li>{@code inside-<view>} or {@code compare-<view>}: a view of the diagnostics ("inside") or comparison
 *       tab, lower-case letters, digits and dashes; a window without that view shows the step without an
 *       outline.</li>
 * </ul>
 *
 * @param text as written in the lesson file
 */
public record Pointer(String text) {
    /** The panels every window has. */
    public static final List<String> PANELS = List.of("canvas", "palette", "inspector", "runs", "chart-loss",
            "chart-gradient", "chart-accuracy", "chart-lr", "data-view");
    private static final Pattern VIEW = Pattern.compile("(inside|compare)-[a-z0-9]+(-[a-z0-9]+)*");
    private static final String NODE = "node:";
    private static final String RUN = "run:";

    /** Whether it names a node of the network. */
    public boolean isNode() {
        return text.startsWith(NODE);
    }

    /** Whether it names a run. */
    public boolean isRun() {
        return text.startsWith(RUN);
    }

    /** The node id or run name after {@code node:} or {@code run:}. */
    public String target() {
        return isNode() ? text.substring(NODE.length()) : isRun() ? text.substring(RUN.length()) : text;
    }

    /** Why {@code text} is not a pointer into {@code experiment}, or null if it is one. */
    public static String problem(String text, Experiment experiment) {
        if (PANELS.contains(text) || VIEW.matcher(text).matches()) {
            return null;
        }
        if (text.startsWith(NODE)) {
            String id = text.substring(NODE.length());
            if (experiment.network().node(id).isPresent()) {
                return null;
            }
            return "no node '" + id + "' in the lesson's network; its nodes are "
                    + String.join(", ", experiment.network().nodes().stream().map(n -> n.id()).toList());
        }
        if (text.startsWith(RUN)) {
            String name = text.substring(RUN.length());
            if (experiment.runs().stream().anyMatch(r -> r.name().equals(name))) {
                return null;
            }
            return "no run '" + name + "' in the lesson's experiment; its runs are "
                    + String.join(", ", experiment.runs().stream().map(RunSpec::name).toList());
        }
        return "unknown pointer '" + text + "'; valid pointers are " + String.join(", ", PANELS)
                + ", node:<id>, run:<name>, inside-<view> and compare-<view>";
    }
}
