package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.attnlab.data.TokenizedText;

/**
 * Inputs of one forward, right-padded to the longest: ids {@code [batch, n]} (padding id 0), the
 * additive attention mask ({@code null} when nothing is padded: the softmax then needs no mask, and a batch of
 * one input, as edits and gradients use, or of equal lengths, as leave-one-out uses, skips an
 * {@code [batch, heads, n, n]} addition per layer), and the real-token indicators mean pooling needs.
 */
record PaddedBatch(NDArray ids, NDArray maskBias, NDArray realTokens, NDArray tokenCounts, int[] lengths,
                   int width) {

    static PaddedBatch of(NDManager manager, List<TokenizedText> inputs, DataType dtype) {
        int b = inputs.size();
        int[] lengths = new int[b];
        int width = 0;
        for (int i = 0; i < b; i++) {
            lengths[i] = inputs.get(i).length();
            width = Math.max(width, lengths[i]);
        }
        long[] ids = new long[b * width];
        double[] real = new double[b * width];
        double[] counts = new double[b];
        for (int i = 0; i < b; i++) {
            long[] x = inputs.get(i).ids();
            System.arraycopy(x, 0, ids, i * width, x.length);
            java.util.Arrays.fill(real, i * width, i * width + x.length, 1.0);
            counts[i] = x.length;
        }
        boolean padded = false;
        for (int len : lengths) {
            padded |= len < width;
        }
        return new PaddedBatch(manager.create(ids, new Shape(b, width)),
                padded ? BertEncoder.maskBias(manager, lengths, width, dtype) : null,
                manager.create(real, new Shape(b, width, 1)).toType(dtype, false),
                manager.create(counts, new Shape(b, 1)).toType(dtype, false), lengths, width);
    }

    int size() {
        return lengths.length;
    }
}
