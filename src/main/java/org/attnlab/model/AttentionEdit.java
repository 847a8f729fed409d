package org.attnlab.model;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A change to one layer's attention probabilities, made after the softmax and before they weight
 * the values. Edits are plain data so that any engine can apply them (transformers apply them per
 * head to {@code [n, n]} matrices; the papers' RNN models have one layer, one head and one query
 * row, i.e. a {@code [1, n]} matrix).
 *
 * <p>{@code head == ALL_HEADS} applies the same edit to every head of the layer. Later edits of
 * one forward see the result of earlier ones.
 */
public sealed interface AttentionEdit {

    /** Marker for "every head of the layer". */
    int ALL_HEADS = -1;

    int layer();

    int head();

    /**
     * Throws unless this edit's key positions fit an input of {@code keys} tokens (ZeroKeys' positions in
     * range, PermuteKeys' length); matrix shapes are checked by each engine, which knows its query rows.
     */
    default void requireKeys(int keys) {
        if (this instanceof ZeroKeys z) {
            for (int k : z.keys()) {
                if (k < 0 || k >= keys) {
                    throw new IllegalArgumentException("ZeroKeys key " + k + " outside 0.." + (keys - 1));
                }
            }
        } else if (this instanceof PermuteKeys p && p.permutation().length != keys) {
            throw new IllegalArgumentException("PermuteKeys has " + p.permutation().length
                    + " positions, the input has " + keys);
        }
    }

    /** Replace the matrix with {@code matrix} ({@code [queries][keys]}). */
    record Replace(int layer, int head, double[][] matrix) implements AttentionEdit {
        public Replace {
            matrix = deepCopy(matrix);
        }

        @Override
        public double[][] matrix() {
            return deepCopy(matrix);
        }
    }

    /**
     * Set the given key columns to zero and rescale every row to sum to one again (Serrano &amp;
     * Smith's erasure). Equivalent to removing those keys from the softmax. A row whose whole mass
     * was erased stays all zero.
     */
    record ZeroKeys(int layer, int head, int[] keys) implements AttentionEdit {
        public ZeroKeys {
            keys = keys.clone();
        }

        @Override
        public int[] keys() {
            return keys.clone();
        }
    }

    /**
     * Permute key columns: the new column {@code j} is the old column {@code permutation[j]}
     * (Jain &amp; Wallace's permuted attention).
     */
    record PermuteKeys(int layer, int head, int[] permutation) implements AttentionEdit {
        public PermuteKeys {
            permutation = permutation.clone();
            boolean[] seen = new boolean[permutation.length];
            for (int p : permutation) {
                if (p < 0 || p >= permutation.length || seen[p]) {
                    throw new IllegalArgumentException("not a permutation: " + Arrays.toString(permutation));
                }
                seen[p] = true;
            }
        }

        @Override
        public int[] permutation() {
            return permutation.clone();
        }
    }

    /**
     * Any function of one head's matrix ({@code [queries][keys]} in, same shape out). Runs on the
     * JVM, so it is slower than the other edits and gradients do not flow through it.
     */
    record Apply(int layer, int head, UnaryOperator<double[][]> function) implements AttentionEdit {
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
