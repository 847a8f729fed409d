package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.model.AttentionEdit;

/**
 * Applies {@link AttentionEdit}s to one layer's attention {@code [batch, heads, n, n]}, where batch
 * element {@code i} gets the edits of variant {@code i}. Replace, ZeroKeys and PermuteKeys stay
 * NDArray operations (gradients flow through them); Apply runs on the JVM.
 */
final class AttentionEditor {

    private AttentionEditor() {
    }

    /** Throws if an edit names a layer or head the model does not have; runs before any compute. */
    static void validate(List<AttentionEdit> edits, int layers, int heads, int n) {
        for (AttentionEdit e : edits) {
            if (e.layer() < 0 || e.layer() >= layers) {
                throw new IllegalArgumentException("attention edit on layer " + e.layer() + ": the model has layers 0.." + (layers - 1));
            }
            if (e.head() != AttentionEdit.ALL_HEADS && (e.head() < 0 || e.head() >= heads)) {
                throw new IllegalArgumentException("attention edit on head " + e.head() + ": the model has heads 0.." + (heads - 1)
                        + " (or ALL_HEADS)");
            }
            e.requireKeys(n);
            if (e instanceof AttentionEdit.Replace r) {
                requireShape(r.matrix(), n, "Replace");
            }
        }
    }

    /** Lowest layer any edit touches, or {@code layers} if there is none. */
    static int lowestLayer(List<List<AttentionEdit>> editSets, int layers) {
        int lowest = layers;
        for (List<AttentionEdit> set : editSets) {
            for (AttentionEdit e : set) {
                lowest = Math.min(lowest, e.layer());
            }
        }
        return lowest;
    }

    /** The attention of {@code layer} after each batch element's edits for that layer. */
    static NDArray apply(NDArray probs, int layer, List<List<AttentionEdit>> editSets) {
        boolean any = editSets.stream().flatMap(List::stream).anyMatch(e -> e.layer() == layer);
        if (!any) {
            return probs;
        }
        List<NDArray> parts = new ArrayList<>(editSets.size());
        for (int i = 0; i < editSets.size(); i++) {
            NDArray a = probs.get(i);
            for (AttentionEdit e : editSets.get(i)) {
                if (e.layer() == layer) {
                    a = applyOne(a, e);
                }
            }
            parts.add(a);
        }
        return NDArrays.stack(new ai.djl.ndarray.NDList(parts.toArray(new NDArray[0])));
    }

    /** One edit on one element's {@code [heads, n, n]} attention. */
    private static NDArray applyOne(NDArray a, AttentionEdit edit) {
        Shape s = a.getShape();
        int heads = (int) s.get(0);
        int queries = (int) s.get(1);
        int keys = (int) s.get(2);
        NDManager m = a.getManager();
        DataType dtype = a.getDataType();
        boolean[] targeted = new boolean[heads];
        for (int h = 0; h < heads; h++) {
            targeted[h] = edit.head() == AttentionEdit.ALL_HEADS || edit.head() == h;
        }
        if (edit instanceof AttentionEdit.ZeroKeys z) {
            return zeroKeysAndRenormalise(a, z.keys(), targeted, keys);
        }
        if (edit instanceof AttentionEdit.PermuteKeys p) {
            long[] index = new long[heads * queries * keys];
            int[] perm = p.permutation();
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < queries; i++) {
                    for (int j = 0; j < keys; j++) {
                        index[(h * queries + i) * keys + j] = targeted[h] ? perm[j] : j;
                    }
                }
            }
            return a.gather(m.create(index, s), 2);
        }
        if (edit instanceof AttentionEdit.Replace r) {
            double[][] matrix = r.matrix();
            double[] given = new double[heads * queries * keys];
            for (int h = 0; h < heads; h++) {
                if (targeted[h]) {
                    for (int i = 0; i < queries; i++) {
                        System.arraycopy(matrix[i], 0, given, (h * queries + i) * keys, keys);
                    }
                }
            }
            // a * 0 + given for replaced heads, a * 1 + 0 for the others: both exact in floating point.
            double[] keep = new double[heads];
            for (int h = 0; h < heads; h++) {
                keep[h] = targeted[h] ? 0 : 1;
            }
            return a.mul(m.create(keep, new Shape(heads, 1, 1)).toType(dtype, false))
                    .add(m.create(given, s).toType(dtype, false));
        }
        AttentionEdit.Apply f = (AttentionEdit.Apply) edit;
        double[] values = a.toType(DataType.FLOAT64, false).toDoubleArray();
        for (int h = 0; h < heads; h++) {
            if (targeted[h]) {
                double[][] matrix = new double[queries][keys];
                for (int i = 0; i < queries; i++) {
                    System.arraycopy(values, (h * queries + i) * keys, matrix[i], 0, keys);
                }
                double[][] out = f.function().apply(matrix);
                requireShape(out, queries, "Apply's function result");
                for (int i = 0; i < queries; i++) {
                    System.arraycopy(out[i], 0, values, (h * queries + i) * keys, keys);
                }
            }
        }
        return m.create(values, s).toType(dtype, false);
    }

    /**
     * Zeroes the key columns of the targeted heads and divides their rows by the remaining mass.
     * Untargeted heads are divided by exactly 1 so their values stay bit-identical.
     */
    private static NDArray zeroKeysAndRenormalise(NDArray a, int[] zeroed, boolean[] targeted, int keys) {
        int heads = targeted.length;
        NDManager m = a.getManager();
        DataType dtype = a.getDataType();
        double[] keep = new double[heads * keys];
        double[] select = new double[heads];
        double[] unselect = new double[heads];
        for (int h = 0; h < heads; h++) {
            java.util.Arrays.fill(keep, h * keys, (h + 1) * keys, 1.0);
            select[h] = targeted[h] ? 1 : 0;
            unselect[h] = targeted[h] ? 0 : 1;
            if (targeted[h]) {
                for (int k : zeroed) {
                    keep[h * keys + k] = 0;
                }
            }
        }
        NDArray masked = a.mul(m.create(keep, new Shape(heads, 1, keys)).toType(dtype, false));
        NDArray divisor = masked.sum(new int[] {-1}, true)
                .mul(m.create(select, new Shape(heads, 1, 1)).toType(dtype, false))
                .add(m.create(unselect, new Shape(heads, 1, 1)).toType(dtype, false));
        // A row whose whole mass was erased is left at zero rather than divided by zero.
        NDArray safeDivisor = divisor.add(divisor.eq(0).toType(dtype, false));
        return masked.div(safeDivisor);
    }

    private static void requireShape(double[][] matrix, int n, String what) {
        boolean ok = matrix.length == n;
        for (double[] row : matrix) {
            ok &= row.length == n;
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " must be " + n + " x " + n + " (queries x keys)");
        }
    }
}
