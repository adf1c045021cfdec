package dev.descent.engine.graph;

import dev.descent.engine.vocab.Shown;
import java.util.List;

/**
 * Something that stops a network from training, in words a person can act on.
 *
 * @param nodeIds the nodes at fault (the window marks each), empty for the graph as a whole
 * @param message what is wrong and what would be valid; already names the node(s)
 */
public record Problem(List<String> nodeIds, String message) {

    public Problem {
        nodeIds = List.copyOf(nodeIds);
    }

    /** A problem of one node; the message is prefixed with the node's name. */
    public static Problem at(String nodeId, String message) {
        return new Problem(List.of(nodeId), "node " + Shown.quoted(nodeId) + ": " + message);
    }

    /** A problem shared by several nodes, such as a cycle; the message names them itself. */
    public static Problem across(List<String> nodeIds, String message) {
        return new Problem(nodeIds, message);
    }

    /** A problem of the whole graph. */
    public static Problem ofGraph(String message) {
        return new Problem(List.of(), message);
    }

    /** The first node at fault, or {@code null} for a graph-level problem. */
    public String nodeId() {
        return nodeIds.isEmpty() ? null : nodeIds.get(0);
    }

    /** Whether this problem concerns {@code nodeId}. */
    public boolean concerns(String nodeId) {
        return nodeIds.contains(nodeId);
    }

    @Override
    public String toString() {
        return message;
    }
}
