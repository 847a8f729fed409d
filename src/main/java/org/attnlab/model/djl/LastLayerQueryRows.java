package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.hf.BertConfig;

/**
 * The exact shortcut of {@code forwardEdited} for edit sets that change only the last layer's attention
 * of a classifier whose head reads only the first ([CLS]) position.
 *
 * <p>Why it is exact: the head reads row 0 of the last layer's output, and every operation after the
 * attention (output dense, residuals, LayerNorms, feed-forward) is row-wise, so row 0 depends only on row 0
 * of the edited attention, the values and the layer's input. The keys, values and row 0's query are the
 * same in every edit set (edits act after the softmax), so they are computed once; each edit set costs one
 * attention row per head ({@code [heads, n]}) and one row through the rest of the layer, all sets batched.
 * ZeroKeys, PermuteKeys and Replace act on each query row separately, so row 0 after the edits is the edit
 * of row 0 (Replace contributes its matrix's row 0). They run on the JVM in float64, in the order given,
 * with {@link AttentionEditor}'s semantics (a row whose whole mass is erased stays zero). Apply sees the
 * whole matrix, so a set with an Apply edit is not eligible.
 *
 * <p>Nothing else is computed, so the shortcut applies only when the caller asked for outputs alone. The same
 * row-wise argument lets a plain forward compute the last layer for row 0 only ({@link #firstRow}).
 */
final class LastLayerQueryRows {

    /** Edit sets per engine call; the edited rows are {@code heads x sets x n}, 3 MB at n = 512. */
    private static final int MAX_SETS = 128;

    private LastLayerQueryRows() {
    }

    /**
     * Whether {@code editSets} can take the shortcut: a CLS-pooler classifier, outputs only, every edit on
     * the last layer and none an Apply, and at least one edit (otherwise there is nothing to share).
     */
    static boolean applies(BertConfig config, List<List<AttentionEdit>> editSets, ForwardOptions options) {
        if (!config.isClassifier() || config.pooling() != BertConfig.Pooling.CLS_POOLER) {
            return false;
        }
        if (options.attentions() || options.lastHiddenState() || options.values() || options.transformedNorms()) {
            return false;
        }
        int last = config.layers() - 1;
        boolean any = false;
        for (List<AttentionEdit> set : editSets) {
            for (AttentionEdit e : set) {
                if (e.layer() != last || e instanceof AttentionEdit.Apply) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /**
     * Whether a plain (unedited) forward can compute only the [CLS] row of the last layer: a CLS-pooler
     * classifier and outputs only.
     */
    static boolean appliesToForward(BertConfig config, ForwardOptions options) {
        return config.isClassifier() && config.pooling() == BertConfig.Pooling.CLS_POOLER && !options.attentions()
                && !options.lastHiddenState() && !options.values() && !options.transformedNorms();
    }

    /**
     * Class logits {@code [batch, classes]} of a plain forward: every layer below the last in full, the last for
     * the first position only ({@link #firstRow}).
     *
     * @param x        the embedding output {@code [batch, n, hidden]}
     * @param maskBias the additive mask {@code [batch, 1, 1, n]}, or {@code null} when nothing is padded
     */
    static NDArray logits(BertEncoder encoder, NDArray x, NDArray maskBias, NDArray scale) {
        for (int l = 0; l < encoder.config().layers() - 1; l++) {
            x = encoder.layer(l, x, maskBias, scale, AttentionHook.NONE);
        }
        return encoder.logits(firstRow(encoder, x, maskBias, scale), null, null);
    }

    /**
     * The last layer's output at the first position only, {@code [batch, 1, hidden]}: keys and values of every
     * position, the query, attention and the rest of the layer for row 0 alone (about a sixth of the layer).
     *
     * @param x        the last layer's input {@code [batch, n, hidden]}
     * @param maskBias the additive mask {@code [batch, 1, 1, n]}, or {@code null} when nothing is padded
     */
    static NDArray firstRow(BertEncoder encoder, NDArray x, NDArray maskBias, NDArray scale) {
        int last = encoder.config().layers() - 1;
        NDArray cls = x.get(":, 0:1, :");
        NDArray scores = encoder.query(last, cls).mul(scale).matMul(encoder.key(last, x).swapAxes(2, 3));
        if (maskBias != null) {
            scores = scores.add(maskBias);
        }
        NDArray context = encoder.mergeHeads(scores.softmax(-1).matMul(encoder.value(last, x)));
        return encoder.afterAttention(last, context, cls);
    }

    /**
     * Class logits {@code [sets, classes]} of one unpadded input, one row per edit set.
     *
     * @param x     the last layer's input {@code [1, n, hidden]}
     * @param scale {@code 1/sqrt(head size)} in the model's dtype
     */
    static NDArray logits(BertEncoder encoder, NDArray x, List<List<AttentionEdit>> editSets, NDArray scale) {
        BertConfig config = encoder.config();
        int last = config.layers() - 1;
        int heads = config.heads();
        int n = (int) x.getShape().get(1);
        NDArray cls = x.get(":, 0:1, :");
        NDArray k = encoder.key(last, x);
        NDArray v = encoder.value(last, x);
        NDArray q = encoder.query(last, cls);
        // One input, no padding: the mask bias is zero and is left out.
        double[] row = q.mul(scale).matMul(k.swapAxes(2, 3)).softmax(-1)
                .toType(DataType.FLOAT64, false).toDoubleArray();
        List<NDArray> parts = new ArrayList<>();
        for (int from = 0; from < editSets.size(); from += MAX_SETS) {
            List<List<AttentionEdit>> chunk = editSets.subList(from, Math.min(editSets.size(), from + MAX_SETS));
            NDArray rows = editedRows(x.getManager(), row, heads, n, chunk, x.getDataType());
            // [1, heads, sets, n] x [1, heads, n, headSize]: the sets take the place of query positions.
            NDArray context = encoder.mergeHeads(rows.matMul(v));
            NDArray out = encoder.afterAttention(last, context, cls);
            parts.add(encoder.logits(out.reshape(chunk.size(), 1, config.hiddenSize()), null, null));
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts.toArray(new NDArray[0])));
    }

    /** Row 0 of every head after each set's edits, {@code [1, heads, sets, n]} in {@code dtype}. */
    private static NDArray editedRows(NDManager m, double[] row, int heads, int n, List<List<AttentionEdit>> sets,
                                      DataType dtype) {
        int count = sets.size();
        double[] out = new double[heads * count * n];
        double[][] a = new double[heads][n];
        double[] scratch = new double[n];
        for (int s = 0; s < count; s++) {
            for (int h = 0; h < heads; h++) {
                System.arraycopy(row, h * n, a[h], 0, n);
            }
            for (AttentionEdit e : sets.get(s)) {
                apply(e, a, scratch);
            }
            for (int h = 0; h < heads; h++) {
                System.arraycopy(a[h], 0, out, (h * count + s) * n, n);
            }
        }
        Shape shape = new Shape(1, heads, count, n);
        if (dtype == DataType.FLOAT64) {
            return m.create(out, shape);
        }
        float[] f = new float[out.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) out[i];
        }
        return m.create(f, shape).toType(dtype, false);
    }

    /** One edit on row 0 of its heads ({@code a[head]}), in place. */
    private static void apply(AttentionEdit e, double[][] a, double[] scratch) {
        int[] keys = e instanceof AttentionEdit.ZeroKeys z ? z.keys() : null;
        int[] perm = e instanceof AttentionEdit.PermuteKeys p ? p.permutation() : null;
        double[] replacement = e instanceof AttentionEdit.Replace r ? r.matrix()[0] : null;
        if (keys == null && perm == null && replacement == null) {
            throw new IllegalArgumentException("not eligible for the last-layer shortcut: " + e);
        }
        for (int h = 0; h < a.length; h++) {
            if (e.head() != AttentionEdit.ALL_HEADS && e.head() != h) {
                continue;
            }
            double[] row = a[h];
            if (keys != null) {
                for (int key : keys) {
                    row[key] = 0;
                }
                double sum = 0;
                for (double p : row) {
                    sum += p;
                }
                if (sum != 0) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] /= sum;
                    }
                }
            } else if (perm != null) {
                for (int j = 0; j < row.length; j++) {
                    scratch[j] = row[perm[j]];
                }
                System.arraycopy(scratch, 0, row, 0, row.length);
            } else {
                System.arraycopy(replacement, 0, row, 0, row.length);
            }
        }
    }
}
