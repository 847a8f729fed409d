package org.attnlab.explain.attention;

/**
 * Effective attention of one head (Brunner et al. 2020, "On Identifiability in Transformers"):
 * {@code A_eff = A - (A N) N^T}, where the columns of N are an orthonormal basis of the left null
 * space of the value matrix T ({@code N^T T = 0}). Components of A's rows in that space do not reach
 * the head output, so {@code A_eff T = A T}; A_eff differs from A only when rank(T) < n (for MiniLM,
 * d = 32 per head: sequences longer than 32 tokens). Rows of A_eff may be negative and need not sum
 * to 1. See docs/efficient-attention.md.
 *
 * @param matrix             A_eff, same shape as A
 * @param rank               numerical rank of T (tolerance as {@code numpy.linalg.matrix_rank})
 * @param nullSpaceDimension n - rank, the number of columns of N
 */
public record EffectiveAttention(double[][] matrix, int rank, int nullSpaceDimension) {

    public EffectiveAttention {
        Matrices.requireRectangular("matrix", matrix);
        if (rank < 0 || nullSpaceDimension < 0) {
            throw new IllegalArgumentException("rank " + rank + ", null space dimension " + nullSpaceDimension);
        }
        matrix = Matrices.copy(matrix);
    }

    /**
     * @param a attention, rows x n (n x n for a transformer head, 1 x n for an RNN); any real matrix
     * @param t values, n x d (a head's X W_V + b_V, or an RNN's encoder states)
     */
    public static EffectiveAttention of(double[][] a, double[][] t) {
        Matrices.requireCompatible(a, t);
        ValueSpace space = ValueSpace.of(t);
        double[][] nullSpace = space.leftNullSpace();
        int nullity = t.length - space.rank();
        // Null vectors as contiguous rows: the loops below run along them.
        double[][] z = new double[nullity][t.length];
        for (int j = 0; j < t.length; j++) {
            for (int k = 0; k < nullity; k++) {
                z[k][j] = nullSpace[j][k];
            }
        }
        double[][] out = Matrices.copy(a);
        for (double[] row : out) {
            // row - (row N) N^T, one null vector at a time: O(n (n - rank)) per row, no n x n projector.
            for (double[] v : z) {
                double coefficient = 0;
                for (int j = 0; j < row.length; j++) {
                    coefficient += row[j] * v[j];
                }
                for (int j = 0; j < row.length; j++) {
                    row[j] -= coefficient * v[j];
                }
            }
        }
        return new EffectiveAttention(out, space.rank(), nullity);
    }

    @Override
    public double[][] matrix() {
        return Matrices.copy(matrix);
    }
}
