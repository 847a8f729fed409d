package org.attnlab.explain.attention;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Efficient attention of one head, attnlab's operational definition of Naim &amp; Asher (2024), who
 * publish no code: each row a of A is replaced by a vertex a* of the polytope
 * {@code {x >= 0 : x^T T = a^T T, sum(x) = sum(a)}}, a distribution with at most rank(T) + 1
 * non-zeros that leaves the head output {@code A T} unchanged. The vertex is chosen by a
 * {@link Cost}. See docs/efficient-attention.md for the math and the choices.
 *
 * @param matrix           the efficient attention, same shape as A, rows non-negative with the sums of A's rows
 * @param supportSizes     number of non-zeros of each row
 * @param rank             numerical rank of T (tolerance as {@code numpy.linalg.matrix_rank})
 * @param outputDeviations per row, {@code max_j |(a*^T T - a^T T)_j|}
 * @param cost             how the vertex was chosen
 */
public record EfficientAttention(double[][] matrix, int[] supportSizes, int rank, double[] outputDeviations,
                                 Cost cost) {

    /**
     * Tolerance on row sums of A: float32 softmax rows of a few hundred keys are off by up to ~1e-6.
     */
    public static final double ROW_SUM_TOLERANCE = 1e-4;

    /**
     * The linear cost c^T a* minimised among the vertices (the feasible set is a polytope, so the
     * minimum is attained at a vertex; the simplex method finds one). All three are cheap: only the
     * vector c differs. On random heads (docs/efficient-attention.md) MIN_CROSS_ENTROPY keeps the
     * most original mass on the support, and for peaked rows MAX_OVERLAP keeps less than UNIFORM.
     */
    public enum Cost {
        /**
         * c_j = -log a_j (zero attention counts as {@code Double.MIN_NORMAL}, c = 708): minimises the
         * cross-entropy -sum_j a*_j log a_j, the linear part of KL(a* || a). For a = softmax(s) this
         * is maximising the expected score s under a* (log Z is constant): mass stays on the keys
         * with the highest scores, and keys of near-zero attention are strongly avoided.
         */
        MIN_CROSS_ENTROPY,
        /**
         * c = -a: maximises the overlap a^T a* (the linear part of |a* - a|^2). Since a^T x = a^T a +
         * (a - P a)^T (x - a) for feasible x (P = projection on col(T) + span(1)), it pushes mass to
         * where the non-identifiable part of a is largest; keys of small attention all cost about 0,
         * so the vertex tends to pile mass on the top keys and fill the rest of its support with
         * keys the original barely attends to.
         */
        MAX_OVERLAP,
        /**
         * Constant cost: all vertices are optimal; returns the first vertex that the Carathéodory
         * reduction of a reaches (deterministic, about twice as fast, no optimality claim).
         */
        UNIFORM
    }

    public EfficientAttention {
        Matrices.requireRectangular("matrix", matrix);
        Objects.requireNonNull(cost, "cost");
        if (supportSizes.length != matrix.length || outputDeviations.length != matrix.length) {
            throw new IllegalArgumentException("rows: matrix " + matrix.length + ", supportSizes "
                    + supportSizes.length + ", outputDeviations " + outputDeviations.length);
        }
        matrix = Matrices.copy(matrix);
        supportSizes = supportSizes.clone();
        outputDeviations = outputDeviations.clone();
    }

    /** With the default cost {@link Cost#MIN_CROSS_ENTROPY}. */
    public static EfficientAttention of(double[][] a, double[][] t) {
        return of(a, t, Cost.MIN_CROSS_ENTROPY);
    }

    /**
     * @param a    attention, rows x n (n x n for a transformer head, 1 x n for an RNN), each row a
     *             distribution over the n keys (non-negative, sum 1 within {@link #ROW_SUM_TOLERANCE})
     * @param t    values, n x d (a head's X W_V + b_V, or an RNN's encoder states)
     * @param cost how to choose among the vertices
     */
    public static EfficientAttention of(double[][] a, double[][] t, Cost cost) {
        Objects.requireNonNull(cost, "cost");
        Matrices.requireCompatible(a, t);
        for (int r = 0; r < a.length; r++) {
            requireDistribution(r, a[r]);
        }
        ValueSpace space = ValueSpace.of(t);
        // rank(T) = n: x^T T = a^T T forces x = a, so a is the only feasible point (RNN rows with
        // n <= d, transformer heads with n <= d_h); skip the tableau.
        VertexSearch search = space.rank() < t.length ? new VertexSearch(space.basisWithOnes()) : null;
        double[][] out = new double[a.length][];
        int[] support = new int[a.length];
        double[] deviation = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            out[r] = search == null ? a[r].clone() : rescale(search.solve(a[r], costVector(cost, a[r])), sum(a[r]));
            support[r] = (int) Arrays.stream(out[r]).filter(v -> v > 0).count();
            deviation[r] = Matrices.outputDeviation(out[r], a[r], t);
        }
        return new EfficientAttention(out, support, space.rank(), deviation, cost);
    }

    @Override
    public double[][] matrix() {
        return Matrices.copy(matrix);
    }

    @Override
    public int[] supportSizes() {
        return supportSizes.clone();
    }

    @Override
    public double[] outputDeviations() {
        return outputDeviations.clone();
    }

    /** The largest output deviation over all rows. */
    public double maxOutputDeviation() {
        return Arrays.stream(outputDeviations).max().orElseThrow();
    }

    /** Indices of the keys with non-zero efficient attention in {@code row}, ascending. */
    public int[] support(int row) {
        double[] x = matrix[row];
        return IntStream.range(0, x.length).filter(j -> x[j] > 0).toArray();
    }

    /** c for {@link VertexSearch}; null for no preference. */
    private static double[] costVector(Cost cost, double[] a) {
        if (cost == Cost.UNIFORM) {
            return null;
        }
        double[] c = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            c[j] = cost == Cost.MAX_OVERLAP ? -a[j] : -Math.log(Math.max(a[j], Double.MIN_NORMAL));
        }
        return c;
    }

    private static void requireDistribution(int r, double[] a) {
        for (int j = 0; j < a.length; j++) {
            if (a[j] < 0) {
                throw new IllegalArgumentException("A[" + r + "][" + j + "] = " + a[j] + " is negative");
            }
        }
        double s = sum(a);
        if (Math.abs(s - 1) > ROW_SUM_TOLERANCE) {
            throw new IllegalArgumentException("row " + r + " of A sums to " + s + ", not 1");
        }
    }

    /**
     * Removes the sum drift of the search: its moves keep the sum only up to rounding, and clamping
     * rounding negatives to zero adds tiny mass (at most 1.1e-14 per entry in our stress runs).
     */
    private static double[] rescale(double[] x, double targetSum) {
        double s = sum(x);
        for (int j = 0; j < x.length; j++) {
            x[j] *= targetSum / s;
        }
        return x;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e;
        }
        return s;
    }
}
