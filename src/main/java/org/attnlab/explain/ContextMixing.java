package org.attnlab.explain;

import java.util.List;

/**
 * Token-to-token mixing matrices per layer ({@code [query][key]}, rows summing to one) and their composition
 * across layers, shared by rollout, attention flow, value zeroing and ALTI.
 */
final class ContextMixing {

    private ContextMixing() {
    }

    /**
     * Abnar &amp; Zuidema's residual-aware attention of one layer: the head-mean attention mixed with the identity
     * for the residual connection, {@code 0.5 A + 0.5 I}, each row normalised to sum 1.
     */
    static double[][] residualMixed(float[][][] layer) {
        int n = layer[0][0].length;
        double[][] mixed = new double[n][n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double mean = 0;
                for (float[][] head : layer) {
                    mean += head[i][j];
                }
                mixed[i][j] = 0.5 * mean / layer.length + (i == j ? 0.5 : 0);
                sum += mixed[i][j];
            }
            for (int j = 0; j < n; j++) {
                mixed[i][j] /= sum;
            }
        }
        return mixed;
    }

    /**
     * Rollout: the product {@code M_top ... M_1 M_0} of the per-layer matrices, bottom layer first in the list, so
     * row i of the result says how much of position i at the top traces back to each input token.
     */
    static double[][] rollout(List<double[][]> layers) {
        int n = layers.get(0).length;
        double[][] product = new double[n][n];
        for (int i = 0; i < n; i++) {
            product[i][i] = 1;
        }
        for (double[][] layer : layers) {
            product = multiply(layer, product);
        }
        return product;
    }

    /** Throws unless every layer's attention is square (self-attention over the same tokens). */
    static void requireSelfAttention(Instance x, String measure) {
        float[][][][] a = x.forward().attentions();
        int n = x.input().length();
        for (float[][][] layer : a) {
            if (layer[0].length != n || layer[0][0].length != n) {
                throw new org.attnlab.model.NotApplicableException(measure + " needs self-attention over the tokens in"
                        + " every layer; " + x.model().info().name() + " (" + x.model().info().architecture() + ") has "
                        + layer[0].length + " query row(s) over " + layer[0][0].length + " keys");
            }
        }
    }

    static List<Integer> allLayers(int layers) {
        return java.util.stream.IntStream.range(0, layers).boxed().toList();
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                for (int j = 0; j < n; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }
}
