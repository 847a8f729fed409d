package org.attnlab.explain.attention;

/** Checks and small dense products on row-major {@code double[][]} matrices. */
final class Matrices {

    private Matrices() {
    }

    /**
     * Checks that {@code m} is a non-empty rectangular matrix of finite values.
     *
     * @return its number of columns
     */
    static int requireRectangular(String name, double[][] m) {
        if (m == null || m.length == 0 || m[0] == null || m[0].length == 0) {
            throw new IllegalArgumentException(name + " must have at least one row and one column");
        }
        int cols = m[0].length;
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != cols) {
                throw new IllegalArgumentException(name + " row " + i + " has "
                        + (m[i] == null ? "no" : String.valueOf(m[i].length)) + " columns, row 0 has " + cols);
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] = " + m[i][j]);
                }
            }
        }
        return cols;
    }

    /** Checks that attention {@code a} (rows x n) can weight the n rows of value matrix {@code t}. */
    static void requireCompatible(double[][] a, double[][] t) {
        requireRectangular("T", t);
        int keys = requireRectangular("A", a);
        if (keys != t.length) {
            throw new IllegalArgumentException("A has " + keys + " columns (keys) but T has " + t.length + " rows");
        }
    }

    static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /** {@code x^T m} for a vector x with one entry per row of m. */
    static double[] rowTimes(double[] x, double[][] m) {
        double[] out = new double[m[0].length];
        for (int i = 0; i < m.length; i++) {
            if (x[i] != 0) {
                for (int j = 0; j < out.length; j++) {
                    out[j] += x[i] * m[i][j];
                }
            }
        }
        return out;
    }

    /** {@code max_j |((x - y)^T m)_j|}: how far the outputs of two attention rows over m differ. */
    static double outputDeviation(double[] x, double[] y, double[][] m) {
        double[] diff = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            diff[i] = x[i] - y[i];
        }
        double max = 0;
        for (double v : rowTimes(diff, m)) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
