package org.attnlab.explain;

import org.attnlab.model.ModelInfo;

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

    public AttentionView {
        if (layer < -1 || head < -1 || row < -1) {
            throw new IllegalArgumentException("attention view " + this + ": -1 is the only negative value (last layer, "
                    + "mean of heads, mean of rows)");
        }
    }

    /**
     * Throws, naming the key, unless the layer and head exist in {@code model} (rows depend on the input:
     * {@link #checkRow}).
     */
    public void checkAgainst(ModelInfo model) {
        if (layer >= model.layers()) {
            throw new IllegalArgumentException("attention.layer: " + layer + " is past model " + model.name()
                    + "'s layers 0.." + (model.layers() - 1) + " (-1 = last)");
        }
        if (head >= model.heads()) {
            throw new IllegalArgumentException("attention.head: " + head + " is past model " + model.name()
                    + "'s heads 0.." + (model.heads() - 1) + " (-1 = mean)");
        }
    }

    /** Throws, naming the key, unless the row exists in a matrix of {@code queries} query rows. */
    public void checkRow(int queries, String model, String instance) {
        if (row >= queries) {
            throw new IllegalArgumentException("attention.row: " + row + " is past the " + queries + " query row"
                    + (queries == 1 ? "" : "s") + " of model " + model + " on instance " + instance + " (-1 = mean)");
        }
    }

    public int resolveLayer(int layers) {
        int l = layer < 0 ? layers + layer : layer;
        if (l < 0 || l >= layers) {
            throw new IllegalArgumentException("attention layer " + layer + ": the model has layers 0.." + (layers - 1));
        }
        return l;
    }
}
