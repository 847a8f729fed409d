package org.attnlab.explain.attention;

import static org.attnlab.explain.attention.RandomHeads.gaussian;
import static org.attnlab.explain.attention.RandomHeads.lowRank;
import static org.attnlab.explain.attention.RandomHeads.maxAbs;
import static org.attnlab.explain.attention.RandomHeads.maxAbsDifference;
import static org.attnlab.explain.attention.RandomHeads.times;
import static org.attnlab.explain.attention.RandomHeads.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ValueSpaceTest {

    /** k = 0 means a generic Gaussian T, of rank min(n, d). */
    private static double[][] values(long seed, int n, int d, int k) {
        Random random = new Random(seed);
        return k == 0 ? gaussian(random, n, d) : lowRank(random, n, d, k);
    }

    @ParameterizedTest(name = "n={0} d={1} k={2}")
    @CsvSource({"40, 8, 0, 8", "8, 40, 0, 8", "16, 16, 0, 16", "40, 12, 5, 5", "12, 40, 5, 5", "1, 256, 0, 1"})
    void rankIsTheNumberOfIndependentColumns(int n, int d, int k, int expected) {
        assertEquals(expected, ValueSpace.of(values(n * 31L + d, n, d, k)).rank());
    }

    @Test
    void zeroMatrixHasRankZeroAndTheWholeSpaceAsNullSpace() {
        ValueSpace space = ValueSpace.of(new double[5][3]);
        assertEquals(0, space.rank());
        assertEquals(0, maxAbsDifference(MatrixUtils.createRealIdentityMatrix(5).getData(), space.leftNullSpace()));
    }

    @ParameterizedTest(name = "n={0} d={1} k={2}")
    @CsvSource({"40, 8, 0", "8, 40, 0", "16, 16, 0", "40, 12, 5", "12, 40, 5", "300, 32, 0"})
    void basisAndNullSpaceTogetherAreAnOrthonormalBasisOfRn(int n, int d, int k) {
        double[][] t = values(n * 17L + d, n, d, k);
        ValueSpace space = ValueSpace.of(t);
        double[][] q = space.basis();
        double[][] nullSpace = space.leftNullSpace();
        assertEquals(n - space.rank(), nullSpace[0].length);
        double[][] full = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(q[i], 0, full[i], 0, space.rank());
            System.arraycopy(nullSpace[i], 0, full[i], space.rank(), n - space.rank());
        }
        double[][] gram = times(transpose(full), full);
        assertTrue(maxAbsDifference(gram, MatrixUtils.createRealIdentityMatrix(n).getData()) < 1e-12);
        // N^T T = 0 relative to the size of T.
        assertTrue(maxAbs(times(transpose(nullSpace), t)) < 1e-12 * maxAbs(t));
    }

    @Test
    void onesColumnIsAddedUnlessOnesIsAlreadyInTheColumnSpace() {
        double[][] generic = gaussian(new Random(3), 30, 6);
        assertEquals(7, ValueSpace.of(generic).basisWithOnes()[0].length);
        double[][] withBias = new double[30][];
        for (int i = 0; i < 30; i++) {
            withBias[i] = generic[i].clone();
            withBias[i][2] = 1.5;
        }
        assertEquals(6, ValueSpace.of(withBias).basisWithOnes()[0].length);
    }

    @ParameterizedTest(name = "n={0} d={1} k={2}")
    @CsvSource({"40, 8, 0", "8, 40, 0", "40, 12, 5", "3, 2, 0"})
    void basisWithOnesIsOrthonormalAndSpansOnes(int n, int d, int k) {
        double[][] w = ValueSpace.of(values(n * 7L + d, n, d, k)).basisWithOnes();
        int m = w[0].length;
        assertTrue(maxAbsDifference(times(transpose(w), w), MatrixUtils.createRealIdentityMatrix(m).getData()) < 1e-12);
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        double[] coefficients = Matrices.rowTimes(ones, w);
        for (int i = 0; i < n; i++) {
            double reconstructed = 0;
            for (int c = 0; c < m; c++) {
                reconstructed += w[i][c] * coefficients[c];
            }
            assertEquals(1, reconstructed, 1e-12);
        }
    }
}
