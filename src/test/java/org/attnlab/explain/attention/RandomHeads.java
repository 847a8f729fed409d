package org.attnlab.explain.attention;

import java.util.Random;

/** Seeded attention and value matrices for the oracles of this package. */
final class RandomHeads {

    private RandomHeads() {
    }

    /** {@code rows} softmax distributions over n keys of Gaussian scores with standard deviation {@code scale}. */
    static double[][] softmaxRows(Random random, int rows, int n, double scale) {
        double[][] a = new double[rows][n];
        for (double[] row : a) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                row[j] = Math.exp(scale * random.nextGaussian());
                sum += row[j];
            }
            for (int j = 0; j < n; j++) {
                row[j] /= sum;
            }
        }
        return a;
    }

    static double[][] gaussian(Random random, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return m;
    }

    /** n x d of rank k (almost surely): a product of Gaussian n x k and k x d factors. */
    static double[][] lowRank(Random random, int n, int d, int k) {
        return times(gaussian(random, n, k), gaussian(random, k, d));
    }

    static double[][] times(double[][] x, double[][] y) {
        double[][] out = new double[x.length][y[0].length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Matrices.rowTimes(x[i], y);
        }
        return out;
    }

    static double[][] transpose(double[][] m) {
        double[][] out = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                out[j][i] = m[i][j];
            }
        }
        return out;
    }

    /** max |x_ij - y_ij|. */
    static double maxAbsDifference(double[][] x, double[][] y) {
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                max = Math.max(max, Math.abs(x[i][j] - y[i][j]));
            }
        }
        return max;
    }

    /** max |m_ij|. */
    static double maxAbs(double[][] m) {
        double max = 0;
        for (double[] row : m) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }
}
