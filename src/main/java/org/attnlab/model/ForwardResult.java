package org.attnlab.model;

/**
 * What one forward pass of one input returned, as plain arrays (no engine objects escape).
 *
 * @param logits          class scores, or {@code null} for an encoder without a head
 * @param probabilities   softmax of the logits, or {@code null} without a head
 * @param attentions      attention probabilities {@code [layer][head][query][key]} as used by the
 *                        forward, i.e. after any edits; {@code null} when not requested
 * @param lastHiddenState final hidden states {@code [token][dim]}; {@code null} when not requested
 * @param values          per layer and head, the rows the attention weights ({@code [layer][head][key][dim]});
 *                        {@code null} when not requested
 * @param transformedNorms per layer and head, {@code ||f(x_j)||} for each key ({@code [layer][head][key]}, see
 *                         {@link ForwardOptions#transformedNorms()}); {@code null} when not requested
 */
public record ForwardResult(double[] logits, double[] probabilities, float[][][][] attentions,
                            float[][] lastHiddenState, float[][][][] values, float[][][] transformedNorms) {

    public ForwardResult(double[] logits, double[] probabilities, float[][][][] attentions, float[][] lastHiddenState) {
        this(logits, probabilities, attentions, lastHiddenState, null, null);
    }

    public ForwardResult(double[] logits, double[] probabilities, float[][][][] attentions, float[][] lastHiddenState,
                         float[][][][] values) {
        this(logits, probabilities, attentions, lastHiddenState, values, null);
    }


    /** Index of the most probable class; the model must have a head. */
    public int predicted() {
        if (probabilities == null) {
            throw new IllegalStateException("an encoder without a classification head predicts no class");
        }
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return best;
    }
}
