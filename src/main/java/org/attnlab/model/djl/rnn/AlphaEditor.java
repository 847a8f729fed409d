package org.attnlab.model.djl.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.attnlab.model.AttentionEdit;

/**
 * Applies {@link AttentionEdit}s to the single attention row alpha of an RNN attention model (layer 0,
 * head 0, one query: matrices are {@code [1][n]}). ZeroKeys and PermuteKeys stay NDArray operations, so
 * gradients flow through them; Replace and Apply produce constants.
 */
final class AlphaEditor {

    private AlphaEditor() {
    }

    /** Throws if an edit does not fit a one-layer, one-head, one-query model and an input of {@code n} tokens. */
    static void validate(List<AttentionEdit> edits, int n) {
        for (AttentionEdit e : edits) {
            if (e.layer() != 0) {
                throw new IllegalArgumentException("attention edit on layer " + e.layer() + ": an RNN attention model has"
                        + " one attention layer, 0");
            }
            if (e.head() != 0 && e.head() != AttentionEdit.ALL_HEADS) {
                throw new IllegalArgumentException("attention edit on head " + e.head() + ": an RNN attention model has"
                        + " one head, 0 (or ALL_HEADS)");
            }
            e.requireKeys(n);
            if (e instanceof AttentionEdit.Replace r) {
                requireRow(r.matrix(), n, "Replace");
            }
        }
    }

    /** Row {@code i} of the result is {@code alpha [1, n]} after edit set {@code i}: {@code [sets, n]}. */
    static NDArray apply(NDArray alpha, List<List<AttentionEdit>> editSets) {
        NDArray[] rows = new NDArray[editSets.size()];
        for (int i = 0; i < rows.length; i++) {
            NDArray row = alpha.get(0);
            for (AttentionEdit e : editSets.get(i)) {
                row = applyOne(row, e);
            }
            rows[i] = row;
        }
        return NDArrays.stack(new NDList(rows));
    }

    /** One edit on a row {@code [n]}. */
    private static NDArray applyOne(NDArray row, AttentionEdit edit) {
        NDManager m = row.getManager();
        DataType dtype = row.getDataType();
        int n = (int) row.size();
        if (edit instanceof AttentionEdit.ZeroKeys z) {
            double[] keep = new double[n];
            java.util.Arrays.fill(keep, 1.0);
            for (int k : z.keys()) {
                keep[k] = 0;
            }
            NDArray masked = row.mul(m.create(keep).toType(dtype, false));
            NDArray mass = masked.sum();
            // A row whose whole mass was erased stays zero rather than being divided by zero. The zero is
            // an array: Java-number operands may be freed before backward (docs/djl-pitfalls.md, 2).
            NDArray empty = mass.eq(m.zeros(mass.getShape(), dtype)).toType(dtype, false);
            return masked.div(mass.add(empty));
        }
        if (edit instanceof AttentionEdit.PermuteKeys p) {
            long[] index = java.util.Arrays.stream(p.permutation()).asLongStream().toArray();
            return row.gather(m.create(index), 0);
        }
        if (edit instanceof AttentionEdit.Replace r) {
            return m.create(r.matrix()[0]).toType(dtype, false);
        }
        AttentionEdit.Apply f = (AttentionEdit.Apply) edit;
        double[][] out = f.function().apply(new double[][] {row.toType(DataType.FLOAT64, false).toDoubleArray()});
        requireRow(out, n, "Apply's function result");
        return m.create(out[0]).toType(dtype, false);
    }

    private static void requireRow(double[][] matrix, int n, String what) {
        if (matrix.length != 1 || matrix[0].length != n) {
            throw new IllegalArgumentException(what + " must be 1 x " + n + " (one query row x keys)");
        }
    }
}
