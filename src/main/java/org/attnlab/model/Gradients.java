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

    /**
     * Builds the per-token summaries from a flat {@code [n * d]} embedding gradient and the embeddings
     * it was taken at, so every engine reports grad·input and L2 the same way.
     */
    public static Gradients of(OutputTarget target, double value, double[] grad, double[] embeddings, int n, int d,
                               float[][][][] attentions) {
        float[][] embeddingGrad = new float[n][d];
        double[] gradTimesInput = new double[n];
        double[] gradL2 = new double[n];
        for (int t = 0; t < n; t++) {
            double dot = 0;
            double sq = 0;
            for (int k = 0; k < d; k++) {
                double g = grad[t * d + k];
                embeddingGrad[t][k] = (float) g;
                dot += g * embeddings[t * d + k];
                sq += g * g;
            }
            gradTimesInput[t] = dot;
            gradL2[t] = Math.sqrt(sq);
        }
        return new Gradients(target, value, embeddingGrad, gradTimesInput, gradL2, attentions);
    }
}
