package dev.descent.engine.graph;

/**
 * Something that stops a network from training, in words a person can act on.
 *
 * @param nodeId  the node at fault, or {@code null} for the graph as a whole
 * @param message what is wrong and what would be valid; already names the node
 */
public record Problem(String nodeId, String message) {

    /** A problem of one node; the message is prefixed with the node's name. */
    public static Problem at(String nodeId, String message) {
        return new Problem(nodeId, "node '" + nodeId + "': " + message);
    }

    /** A problem of the whole graph. */
    public static Problem ofGraph(String message) {
        return new Problem(null, message);
    }

    @Override
    public String toString() {
        return message;
    }
}
