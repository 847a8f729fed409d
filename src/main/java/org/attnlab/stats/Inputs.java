package org.attnlab.stats;

/** Checks and normalisations shared by the statistics of this package. */
final class Inputs {

    private Inputs() {
    }

    /** Throws unless both arrays are non-null and of equal length. */
    static void requireSameLength(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("arrays differ in length: " + x.length + " and " + y.length);
        }
    }

    static boolean hasNaN(double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** True if every value equals the first under {@code ==} (so -0.0 equals 0.0, as in numpy). */
    static boolean isConstant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A copy with -0.0 replaced by 0.0. Java's sorts order -0.0 before 0.0 as distinct values, while
     * numpy (and arithmetic) treat them as one value: without this a signed zero from, say, a gradient
     * would break a tie that scipy sees.
     */
    static double[] withoutNegativeZero(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] + 0.0;
        }
        return out;
    }
}
