package org.attnlab.explain.attention;

import static org.attnlab.explain.attention.RandomHeads.gaussian;
import static org.attnlab.explain.attention.RandomHeads.maxAbs;
import static org.attnlab.explain.attention.RandomHeads.maxAbsDifference;
import static org.attnlab.explain.attention.RandomHeads.softmaxRows;
import static org.attnlab.explain.attention.RandomHeads.times;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EffectiveAttentionTest {

    /**
     * Left null vectors of T = B C (B n x k of full column rank, C k x d of full row rank) found
     * without the code under test: residuals of least-squares fits on B by Householder QR.
     */
    private static double[][] independentNullVectors(double[][] b, Random random, int count) {
        RealMatrix basis = MatrixUtils.createRealMatrix(b);
        var solver = new QRDecomposition(basis).getSolver();
        double[][] out = new double[count][];
        for (int c = 0; c < count; c++) {
            RealVector w = MatrixUtils.createRealVector(gaussian(random, 1, b.length)[0]);
            out[c] = w.subtract(basis.operate(solver.solve(w))).toArray();
        }
        return out;
    }

    @ParameterizedTest(name = "n={0} d={1} k={2}")
    @CsvSource({"40, 8, 8", "64, 32, 32", "40, 12, 5", "30, 40, 6", "16, 16, 9"})
    void keepsTheOutputAndRemovesTheNullSpaceComponent(int n, int d, int k) {
        Random random = new Random(n * 101L + d * 7L + k);
        double[][] b = gaussian(random, n, k);
        double[][] t = times(b, gaussian(random, k, d));
        double[][] a = softmaxRows(random, n, n, 2);
        EffectiveAttention eff = EffectiveAttention.of(a, t);
        assertEquals(k, eff.rank());
        assertEquals(n - k, eff.nullSpaceDimension());
        double[][] aEff = eff.matrix();
        double[][] output = times(a, t);
        assertTrue(maxAbsDifference(times(aEff, t), output) < 1e-10 * maxAbs(output));
        for (double[] z : independentNullVectors(b, random, 3)) {
            for (double[] row : aEff) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += row[j] * z[j];
                }
                assertEquals(0, dot, 1e-12);
            }
        }
        assertTrue(maxAbsDifference(aEff, a) > 1e-3, "a rank-deficient T must change some attention");
    }

    @ParameterizedTest(name = "n={0} d={1}")
    @CsvSource({"8, 32", "32, 32", "1, 256", "10, 256"})
    void equalsAWhenTHasFullRowRank(int n, int d) {
        Random random = new Random(n + 1000L * d);
        double[][] a = softmaxRows(random, n, n, 2);
        EffectiveAttention eff = EffectiveAttention.of(a, gaussian(random, n, d));
        assertEquals(n, eff.rank());
        assertEquals(0, eff.nullSpaceDimension());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(a[i], eff.matrix()[i], 0.0);
        }
    }

    @Test
    void duplicatedValueRowsShareTheirAttentionEvenly() {
        // Rows 0 and 1 of T coincide: N = (1, -1, 0) / sqrt(2), so a_eff = ((a0 + a1) / 2, (a0 + a1) / 2, a2).
        double[][] t = {{1, 0}, {1, 0}, {0, 1}};
        EffectiveAttention eff = EffectiveAttention.of(new double[][] {{0.5, 0.2, 0.3}}, t);
        assertArrayEquals(new double[] {0.35, 0.35, 0.3}, eff.matrix()[0], 1e-15);
        assertEquals(2, eff.rank());
        assertEquals(1, eff.nullSpaceDimension());
    }

    @Test
    void effectiveRowsNeedNotBeDistributions() {
        // col(T) = span{(0, 1, 2)}: a_eff = (a . (0, 1, 2)) / 5 * (0, 1, 2) = 1.1 / 5 * (0, 1, 2).
        double[][] t = {{0}, {1}, {2}};
        EffectiveAttention eff = EffectiveAttention.of(new double[][] {{0.2, 0.5, 0.3}}, t);
        assertArrayEquals(new double[] {0, 0.22, 0.44}, eff.matrix()[0], 1e-15);
    }

    @Test
    void singleRnnRowOverMoreKeysThanStateDimensions() {
        Random random = new Random(5);
        double[][] t = gaussian(random, 300, 256);
        double[][] a = softmaxRows(random, 1, 300, 3);
        EffectiveAttention eff = EffectiveAttention.of(a, t);
        assertEquals(256, eff.rank());
        assertEquals(44, eff.nullSpaceDimension());
        double[][] output = times(a, t);
        assertTrue(maxAbsDifference(times(eff.matrix(), t), output) < 1e-10 * maxAbs(output));
    }

    @Test
    void rejectsShapesThatDoNotMultiply() {
        double[][] a = softmaxRows(new Random(1), 4, 4, 1);
        assertThrows(IllegalArgumentException.class, () -> EffectiveAttention.of(a, new double[5][2]));
        assertThrows(IllegalArgumentException.class, () -> EffectiveAttention.of(new double[][] {{1, 0}, {1}}, new double[2][2]));
        assertThrows(IllegalArgumentException.class,
                () -> EffectiveAttention.of(new double[][] {{Double.NaN, 1}}, new double[2][2]));
    }
}
