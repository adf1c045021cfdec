package dev.descent.engine.nn;

/**
 * The part of the flat parameter vector that belongs to one node.
 *
 * @param nodeId the node
 * @param offset index of its first value
 * @param length number of values (weights and biases, or γ and β)
 */
public record ParameterSegment(String nodeId, long offset, long length) {
}
