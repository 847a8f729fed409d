package org.attnlab.model.djl.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.attnlab.data.TokenizedText;

/**
 * Inputs of one forward, right-padded with {@code <pad>} to the longest.
 *
 * @param ids          {@code [batch, width]} token ids
 * @param attendBias   {@code [batch, width]}: 0 where attention may look (real, non-special tokens),
 *                     a large negative number elsewhere, so the softmax gives exactly 0 there
 * @param realTokens   {@code [batch, width, 1]}: 1 for real tokens, 0 for padding
 * @param reverseIndex {@code [batch, width]} row indices into the flattened {@code [batch * width]}
 *                     sequence that reverse each input within its own length and leave padding in
 *                     place; the backward RNN reads its input through it so it starts at the last
 *                     real token and padding never reaches a real token's state
 * @param lengths      real tokens per input
 */
record RnnBatch(NDArray ids, NDArray attendBias, NDArray realTokens, NDArray reverseIndex, int[] lengths) {

    static RnnBatch of(NDManager manager, List<TokenizedText> inputs, DataType dtype) {
        int b = inputs.size();
        int width = inputs.stream().mapToInt(TokenizedText::length).max().orElseThrow();
        long[] ids = new long[b * width];
        double[] bias = new double[b * width];
        double[] real = new double[b * width];
        long[] reverse = new long[b * width];
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            TokenizedText input = inputs.get(i);
            long[] x = input.ids();
            boolean[] special = input.special();
            int len = x.length;
            lengths[i] = len;
            System.arraycopy(x, 0, ids, i * width, len);
            for (int t = 0; t < width; t++) {
                int at = i * width + t;
                bias[at] = t < len && !special[t] ? 0 : -1e9;
                real[at] = t < len ? 1 : 0;
                reverse[at] = i * width + (t < len ? len - 1 - t : t);
            }
        }
        return new RnnBatch(manager.create(ids, new Shape(b, width)),
                manager.create(bias, new Shape(b, width)).toType(dtype, false),
                manager.create(real, new Shape(b, width, 1)).toType(dtype, false),
                manager.create(reverse, new Shape(b, width)), lengths);
    }
}
