package org.attnlab.model;

/**
 * What one post-LayerNorm self-attention block (BERT's) computed for one input, with the weights that split its
 * output token by token (Kobayashi et al. 2020; Ferrando et al. 2022, ALTI):
 * <pre>
 *   u_i   = x_i + b_O + sum_h sum_j alpha^h_ij v^h_j W_O^h        (residual + attention output dense)
 *   out_i = gamma * (u_i - mean(u_i)) / sqrt(var(u_i) + eps) + beta   (LayerNorm, var over hidden units, biased)
 * </pre>
 * {@code out} is what the block hands to the feed-forward part of the layer. All arrays are copies in double
 * precision (the model's own precision when it runs in float64); they are not copied again on access, so do not
 * modify them.
 *
 * @param input        {@code [token][hidden]} the layer's input x (the output of the layer below, or the embeddings)
 * @param attention    {@code [head][query][key]} attention probabilities alpha
 * @param values       {@code [head][key][headSize]} value vectors {@code v = x W_V + b_V}
 * @param outputWeight {@code [head * headSize][hidden]} W_O as input-to-output rows; head h's rows are
 *                     {@code h*headSize ..}
 * @param outputBias   b_O, {@code [hidden]}
 * @param normGain     LayerNorm gamma, {@code [hidden]}
 * @param normBias     LayerNorm beta, {@code [hidden]}
 * @param normEps      LayerNorm epsilon
 */
public record AttentionBlock(double[][] input, double[][][] attention, double[][][] values, double[][] outputWeight,
                             double[] outputBias, double[] normGain, double[] normBias, double normEps) {

    public AttentionBlock {
        int n = input.length;
        int hidden = outputBias.length;
        if (attention.length != values.length || attention.length == 0) {
            throw new IllegalArgumentException("attention has " + attention.length + " heads, values " + values.length);
        }
        if (attention[0].length != n || attention[0][0].length != n || values[0].length != n) {
            throw new IllegalArgumentException("attention and values must cover the " + n + " input tokens");
        }
        if (outputWeight.length != values.length * values[0][0].length || outputWeight[0].length != hidden
                || input[0].length != hidden || normGain.length != hidden || normBias.length != hidden) {
            throw new IllegalArgumentException("W_O must be [heads * headSize][hidden] and the rest [hidden]");
        }
    }

    public int tokens() {
        return input.length;
    }

    public int heads() {
        return attention.length;
    }

    public int headSize() {
        return values[0][0].length;
    }

    public int hidden() {
        return outputBias.length;
    }
}
