package org.attnlab.model;

/**
 * Gradients of one output scalar for one input.
 *
 * @param target          the scalar differentiated
 * @param value           its value at the input
 * @param embeddings      d value / d input embedding, {@code [token][dim]}; the input embedding
 *                        of a token is its word (vocabulary) embedding (times the request's scale),
 *                        before positions are added
 * @param gradTimesInput  per token, {@code sum_d grad[t][d] * embedding[t][d]} (signed)
 * @param gradL2          per token, the L2 norm of {@code grad[t]}
 * @param attentions      d value / d attention probabilities {@code [layer][head][query][key]},
 *                        each layer's matrix taken as it enters the value product (after edits)
 */
public record Gradients(OutputTarget target, double value, float[][] embeddings, double[] gradTimesInput,
                        double[] gradL2, float[][][][] attentions) {
}
