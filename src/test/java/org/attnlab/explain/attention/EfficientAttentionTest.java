package org.attnlab.explain.attention;

import static org.attnlab.explain.attention.RandomHeads.gaussian;
import static org.attnlab.explain.attention.RandomHeads.lowRank;
import static org.attnlab.explain.attention.RandomHeads.softmaxRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.attnlab.explain.attention.EfficientAttention.Cost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EfficientAttentionTest {

    /** n x d values: Gaussian if k = 0, rank k if k > 0, k distinct rows repeated if k < 0. */
    private static double[][] values(Random random, int n, int d, int k) {
        if (k >= 0) {
            return k == 0 ? gaussian(random, n, d) : lowRank(random, n, d, k);
        }
        double[][] distinct = gaussian(random, -k, d);
        double[][] t = new double[n][];
        for (int i = 0; i < n; i++) {
            t[i] = distinct[i % -k].clone();
        }
        return t;
    }

    /** Rank of the rows of [T 1] indexed by the support, by SVD: a vertex iff it equals the support size. */
    private static int supportRank(double[][] t, int[] support) {
        double[][] rows = new double[support.length][];
        for (int s = 0; s < support.length; s++) {
            rows[s] = Arrays.copyOf(t[support[s]], t[0].length + 1);
            rows[s][t[0].length] = 1;
        }
        return new SingularValueDecomposition(MatrixUtils.createRealMatrix(rows)).getRank();
    }

    /** min c^T x over the distributions x with x^T T = a^T T, by Commons Math's simplex solver. */
    private static double optimalCost(double[] c, double[] a, double[][] t) {
        List<LinearConstraint> constraints = new ArrayList<>();
        double[][] columns = RandomHeads.transpose(t);
        double[] output = Matrices.rowTimes(a, t);
        for (int k = 0; k < columns.length; k++) {
            constraints.add(new LinearConstraint(columns[k], Relationship.EQ, output[k]));
        }
        double[] ones = new double[a.length];
        Arrays.fill(ones, 1);
        constraints.add(new LinearConstraint(ones, Relationship.EQ, 1));
        return new SimplexSolver().optimize(new MaxIter(100_000), new LinearObjectiveFunction(c, 0),
                new LinearConstraintSet(constraints), GoalType.MINIMIZE, new NonNegativeConstraint(true)).getValue();
    }

    @ParameterizedTest(name = "n={0} d={1} k={2} {3}")
    @CsvSource({
        "64, 32, 0, MIN_CROSS_ENTROPY", "64, 32, 0, MAX_OVERLAP", "64, 32, 0, UNIFORM",
        "40, 8, 0, MIN_CROSS_ENTROPY", "40, 8, 0, MAX_OVERLAP", "40, 8, 0, UNIFORM",
        "20, 32, 0, MIN_CROSS_ENTROPY", "24, 24, 0, UNIFORM",
        "50, 16, 5, MIN_CROSS_ENTROPY", "50, 16, 5, MAX_OVERLAP", "50, 16, 5, UNIFORM",
        "40, 16, -10, MIN_CROSS_ENTROPY", "40, 16, -10, MAX_OVERLAP", "40, 16, -10, UNIFORM",
        "200, 32, 0, MIN_CROSS_ENTROPY"})
    void rowsAreVertexDistributionsWithTheSameOutput(int n, int d, int k, Cost cost) {
        Random random = new Random(n * 1009L + d * 31L + k);
        double[][] t = values(random, n, d, k);
        double[][] a = softmaxRows(random, n, n, 2);
        EfficientAttention eff = EfficientAttention.of(a, t, cost);
        int rank = k > 0 ? k : Math.min(n, Math.min(d, k < 0 ? -k : d));
        assertEquals(rank, eff.rank());
        double[][] x = eff.matrix();
        for (int r = 0; r < n; r++) {
            double sum = 0;
            for (double v : x[r]) {
                assertTrue(v >= -1e-12, "row " + r + " has " + v);
                sum += v;
            }
            assertEquals(1, sum, 1e-9);
            int[] support = eff.support(r);
            assertEquals(support.length, eff.supportSizes()[r]);
            assertTrue(support.length <= rank + 1, "support " + support.length + " > rank + 1 = " + (rank + 1));
            assertEquals(support.length, supportRank(t, support), "row " + r + " is not a vertex");
            double deviation = Matrices.outputDeviation(x[r], a[r], t);
            assertTrue(deviation <= 1e-9, "row " + r + " output moved by " + deviation);
            assertEquals(deviation, eff.outputDeviations()[r], 1e-15);
        }
        assertTrue(eff.maxOutputDeviation() <= 1e-9);
    }

    @ParameterizedTest(name = "n={0} d={1} k={2} {3}")
    @CsvSource({"40, 8, 0, MIN_CROSS_ENTROPY", "48, 32, 0, MIN_CROSS_ENTROPY", "30, 12, 4, MIN_CROSS_ENTROPY",
        "36, 10, -6, MIN_CROSS_ENTROPY", "40, 8, 0, MAX_OVERLAP", "48, 32, 0, MAX_OVERLAP", "36, 10, -6, MAX_OVERLAP"})
    void costIsTheOptimumOfAnIndependentSimplexSolver(int n, int d, int k, Cost cost) {
        Random random = new Random(n * 13L + d + k);
        double[][] t = values(random, n, d, k);
        double[][] a = softmaxRows(random, 4, n, 2);
        double[][] x = EfficientAttention.of(a, t, cost).matrix();
        for (int r = 0; r < a.length; r++) {
            double[] c = new double[n];
            double achieved = 0;
            for (int j = 0; j < n; j++) {
                c[j] = cost == Cost.MAX_OVERLAP ? -a[r][j] : -Math.log(a[r][j]);
                achieved += c[j] * x[r][j];
            }
            assertEquals(optimalCost(c, a[r], t), achieved, 1e-9 * Math.max(1, Math.abs(achieved)), "row " + r);
        }
    }

    @Test
    void massMovesBetweenIdenticalValueRowsToTheMoreAttendedOne() {
        // Rows 0 and 1 of T coincide; the feasible set is the segment between (a0 + a1, 0, a2) and
        // (0, a0 + a1, a2); both costs pick the end of the larger of a0, a1.
        double[][] t = {{1, 0}, {1, 0}, {0, 1}};
        for (Cost cost : List.of(Cost.MIN_CROSS_ENTROPY, Cost.MAX_OVERLAP)) {
            EfficientAttention eff = EfficientAttention.of(new double[][] {{0.5, 0.2, 0.3}, {0.2, 0.5, 0.3}}, t, cost);
            assertArrayEquals(new double[] {0.7, 0, 0.3}, eff.matrix()[0], 1e-15);
            assertArrayEquals(new double[] {0, 0.7, 0.3}, eff.matrix()[1], 1e-15);
            assertArrayEquals(new int[] {2, 2}, eff.supportSizes());
            assertEquals(2, eff.rank());
        }
        double[] any = EfficientAttention.of(new double[][] {{0.5, 0.2, 0.3}}, t, Cost.UNIFORM).matrix()[0];
        assertTrue(Arrays.equals(any, new double[] {0.7, 0, 0.3}) || Arrays.equals(any, new double[] {0, 0.7, 0.3}),
                Arrays.toString(any));
    }

    @Test
    void scalarValuesKeepTheMeanWithTwoKeys() {
        // T = (0, 1, 2)^T, output 1.1. Vertices: support {0, 2} -> (0.45, 0, 0.55): overlap 0.255,
        // cross-entropy 0.45 ln 5 + 0.55 ln(10/3) = 1.386; support {1, 2} -> (0, 0.9, 0.1): overlap
        // 0.48, cross-entropy 0.9 ln 2 + 0.1 ln(10/3) = 0.744; support {0, 1} would need x1 = 1.1.
        double[][] t = {{0}, {1}, {2}};
        for (Cost cost : List.of(Cost.MIN_CROSS_ENTROPY, Cost.MAX_OVERLAP)) {
            EfficientAttention eff = EfficientAttention.of(new double[][] {{0.2, 0.5, 0.3}}, t, cost);
            assertArrayEquals(new double[] {0, 0.9, 0.1}, eff.matrix()[0], 1e-15);
            assertArrayEquals(new int[] {1, 2}, eff.support(0));
        }
    }

    @Test
    void zeroValuesPutAllMassOnTheMostAttendedKey() {
        // Only the sum constraint is left: the vertices are the one-hot rows.
        EfficientAttention eff = EfficientAttention.of(new double[][] {{0.1, 0.6, 0.3}}, new double[3][4]);
        assertEquals(0, eff.rank());
        assertArrayEquals(new double[] {0, 1, 0}, eff.matrix()[0], 0.0);
    }

    @Test
    void overlapMovesMassToAMaskedKeyAndCrossEntropyDoesNot() {
        // T = (0, 1, 2, 10)^T, a = (0.6, 0.1, 0.3, 0): output 0.7. The vertices pair key 0 with one
        // other key j at x_j = 0.7 / T_j: {0, 1} -> (0.3, 0.7, 0, 0), overlap 0.25, cross-entropy
        // 0.3 ln(1/0.6) + 0.7 ln 10 = 1.77; {0, 2} -> (0.65, 0, 0.35, 0), overlap 0.495, cross-entropy
        // 0.75; {0, 3} -> (0.93, 0, 0, 0.07), overlap 0.558, cross-entropy 0.07 * 708 + ... = 50.
        double[][] t = {{0}, {1}, {2}, {10}};
        double[][] a = {{0.6, 0.1, 0.3, 0}};
        assertArrayEquals(new double[] {0.65, 0, 0.35, 0}, EfficientAttention.of(a, t).matrix()[0], 1e-15);
        assertArrayEquals(new double[] {0.93, 0, 0, 0.07}, EfficientAttention.of(a, t, Cost.MAX_OVERLAP).matrix()[0], 1e-15);
    }

    @Test
    void fullRowRankValuesLeaveOnlyTheOriginalRow() {
        Random random = new Random(11);
        double[][] a = softmaxRows(random, 12, 12, 2);
        EfficientAttention eff = EfficientAttention.of(a, gaussian(random, 12, 32));
        for (int r = 0; r < a.length; r++) {
            assertArrayEquals(a[r], eff.matrix()[r], 1e-12);
        }
    }

    @Test
    void singleRnnRowOverLongSequence() {
        Random random = new Random(17);
        double[][] t = gaussian(random, 300, 256);
        double[][] a = softmaxRows(random, 1, 300, 3);
        EfficientAttention eff = EfficientAttention.of(a, t);
        assertEquals(256, eff.rank());
        assertTrue(eff.supportSizes()[0] <= 257);
        assertTrue(eff.maxOutputDeviation() <= 1e-9, "deviation " + eff.maxOutputDeviation());
    }

    @Test
    void keepsTheSumOfFloatRoundedRowsWithMaskedKeys() {
        Random random = new Random(23);
        double[][] t = gaussian(random, 60, 8);
        double[][] a = softmaxRows(random, 3, 60, 2);
        for (double[] row : a) {
            for (int j = 0; j < row.length; j += 7) {
                row[j] = 0;
            }
            double sum = Arrays.stream(row).sum();
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (row[j] / sum);
            }
        }
        EfficientAttention eff = EfficientAttention.of(a, t);
        for (int r = 0; r < a.length; r++) {
            assertEquals(Arrays.stream(a[r]).sum(), Arrays.stream(eff.matrix()[r]).sum(), 1e-14);
        }
        assertTrue(eff.maxOutputDeviation() <= 1e-9);
    }

    @Test
    void rejectsRowsThatAreNotDistributions() {
        double[][] t = gaussian(new Random(2), 3, 2);
        assertThrows(IllegalArgumentException.class, () -> EfficientAttention.of(new double[][] {{1.2, -0.2, 0}}, t));
        assertThrows(IllegalArgumentException.class, () -> EfficientAttention.of(new double[][] {{0.5, 0.2, 0.2}}, t));
        assertThrows(IllegalArgumentException.class, () -> EfficientAttention.of(new double[][] {{0.5, 0.5}}, t));
    }
}
