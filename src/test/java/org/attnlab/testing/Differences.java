package org.attnlab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Max |a - b| of arrays of the same shape (a shape mismatch fails the test), for every test that compares two forwards
 * (ONNX Runtime oracles, attention edits, batching, saved weights).
 */
public final class Differences {

    private Differences() {
    }

    public static double maxAbsDiff(double[][] a, double[][] b) {
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

    public static double maxAbsDiff(float[][] a, float[][] b) {
        return maxAbsDiff(toDouble(a), toDouble(b));
    }

    public static double[][] toDouble(float[][] a) {
        double[][] d = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            d[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                d[i][j] = a[i][j];
            }
        }
        return d;
    }

    /** The largest {@link #maxAbsDiff(float[][], float[][])} over the leading dimension (e.g. heads). */
    public static double maxAbsDiff(float[][][] a, float[][][] b) {
        assertEquals(a.length, b.length, "slices");
        double worst = 0;
        for (int h = 0; h < a.length; h++) {
            worst = Math.max(worst, maxAbsDiff(a[h], b[h]));
        }
        return worst;
    }
}
