package org.attnlab.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Max |a - b| of matrices of the same shape (a shape mismatch fails the test), shared by the ONNX Runtime oracles. */
final class Differences {

    private Differences() {
    }

    static double maxAbsDiff(double[][] a, double[][] b) {
        assertEquals(a.length, b.length, "rows");
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i].length, b[i].length, "columns");
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    static double maxAbsDiff(float[][] a, float[][] b) {
        return maxAbsDiff(toDouble(a), toDouble(b));
    }

    static double[][] toDouble(float[][] a) {
        double[][] d = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            d[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                d[i][j] = a[i][j];
            }
        }
        return d;
    }
}
