package dev.descent.engine.nn;

/**
 * What one activation node's output looked like on the last training batch.
 *
 * @param nodeId             the activation node
 * @param mean               mean of all its outputs
 * @param std                standard deviation of all its outputs
 * @param saturatedFraction  share of units whose slope is below 5% of the function's maximum
 *                           (for ReLU: the share that is dead, z ≤ 0)
 */
public record ActivationStats(String nodeId, double mean, double std, double saturatedFraction) {
}
