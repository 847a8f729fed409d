package org.attnlab.explain;

/**
 * Which attention weights are read off a model as one score per token.
 *
 * @param layer layer index, or -1 for the last layer (the one feeding the classifier)
 * @param head  head index, or -1 for the mean over heads
 * @param row   query row, or -1 for the mean over rows. Row 0 is [CLS] for BERT models (which pools it) and
 *              the only row of the papers' RNN models
 */
public record AttentionView(int layer, int head, int row) {

    /** Last layer, mean over heads, row 0: the attention that forms the pooled representation. */
    public static final AttentionView DEFAULT = new AttentionView(-1, -1, 0);

    public int resolveLayer(int layers) {
        int l = layer < 0 ? layers + layer : layer;
        if (l < 0 || l >= layers) {
            throw new IllegalArgumentException("attention layer " + layer + ": the model has layers 0.." + (layers - 1));
        }
        return l;
    }
}
