package dev.descent.engine.graph;

import dev.descent.engine.vocab.Shown;
import java.util.List;
import java.util.Objects;

/**
 * Something that stops an experiment from training, in words a person can act on, and where it is: the
 * file reader, the graph validator, the data and the comparison all report problems of this one form, and
 * the command line and the window show them from it (an error line, a marked node, the problems of a run
 * or of the data) without reading the text.
 *
 * @param section the part of the experiment at fault
 * @param where   where inside it, shown before the message: {@code runs[1].optimizer}, {@code training},
 *                {@code node 'h1'}, {@code dataset}; empty when {@code what} says it all
 * @param run     the name of the run whose own settings cause the problem, or null when it holds for the
 *                experiment as drawn
 * @param nodeIds the nodes at fault (the window marks each), empty when no node is
 * @param what    what is wrong and what would be valid
 */
public record Problem(Section section, String where, String run, List<String> nodeIds, String what) {

    /** The parts of an experiment. */
    public enum Section {
        /** The file as a whole: its syntax, its format version, its top-level keys, name and seed. */
        FILE,
        /** Where the examples come from, and the examples themselves. */
        DATASET,
        /** The network's nodes and edges. */
        NETWORK,
        /** Epochs, batch size, evaluation interval. */
        TRAINING,
        /** The runs, their settings and the comparison they make together. */
        RUNS
    }

    public Problem {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(what, "what");
        nodeIds = List.copyOf(nodeIds);
    }

    /** A problem at {@code where} in {@code section}, of no node in particular. */
    public static Problem of(Section section, String where, String what) {
        return new Problem(section, where, null, List.of(), what);
    }

    /** A problem of one node, shown after the node's name. */
    public static Problem at(String nodeId, String what) {
        return new Problem(Section.NETWORK, "node " + Shown.quoted(nodeId), null, List.of(nodeId), what);
    }

    /** A problem shared by several nodes, such as a cycle; the message names them itself. */
    public static Problem across(List<String> nodeIds, String what) {
        return new Problem(Section.NETWORK, "", null, nodeIds, what);
    }

    /** A problem of the whole graph. */
    public static Problem ofGraph(String what) {
        return new Problem(Section.NETWORK, "", null, List.of(), what);
    }

    /** The same problem, caused by the settings of the run called {@code name}. */
    public Problem inRun(String name) {
        return new Problem(section, where, name, nodeIds, what);
    }

    /** The one-line message: {@code run '<name>': <where>: <what>}, leaving out what is not there. */
    public String message() {
        return (run == null ? "" : "run " + Shown.quoted(run) + ": ") + (where.isEmpty() ? "" : where + ": ") + what;
    }

    /** The first node at fault, or {@code null} if no node is. */
    public String nodeId() {
        return nodeIds.isEmpty() ? null : nodeIds.get(0);
    }

    /** Whether this problem concerns {@code nodeId}. */
    public boolean concerns(String nodeId) {
        return nodeIds.contains(nodeId);
    }

    /** Whether this problem is caused by the settings of the run called {@code name}. */
    public boolean isOfRun(String name) {
        return name.equals(run);
    }

    @Override
    public String toString() {
        return message();
    }
}
