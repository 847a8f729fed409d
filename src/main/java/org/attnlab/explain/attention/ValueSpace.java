package org.attnlab.explain.attention;

import java.util.Arrays;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The column space of a head's value matrix T (n x d) in R^n, from its SVD T = U S V^T: numerical
 * rank, an orthonormal basis of col(T) and of its orthogonal complement, the left null space.
 *
 * <p>Rank tolerance as {@code numpy.linalg.matrix_rank}: a singular value counts if it exceeds
 * {@code S.max * max(n, d) * eps} with eps = 2^-52, so that ranks agree with NumPy-based code.
 */
final class ValueSpace {

    private static final double EPS = Math.ulp(1.0);

    private final int n;
    /** max(n, d): the dimension factor of the tolerance. */
    private final int scale;
    private final int rank;
    /** n x rank, orthonormal columns spanning col(T). */
    private final double[][] basis;

    private ValueSpace(int n, int scale, int rank, double[][] basis) {
        this.n = n;
        this.scale = scale;
        this.rank = rank;
        this.basis = basis;
    }

    static ValueSpace of(double[][] t) {
        int d = Matrices.requireRectangular("T", t);
        int n = t.length;
        // Commons Math transposes internally when n < d; U is always the thin n x min(n, d) factor.
        SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(t));
        double[] s = svd.getSingularValues();
        double tolerance = s[0] * Math.max(n, d) * EPS;
        int rank = 0;
        while (rank < s.length && s[rank] > tolerance) {
            rank++;
        }
        double[][] u = svd.getU().getData();
        double[][] basis = new double[n][rank];
        for (int i = 0; i < n; i++) {
            System.arraycopy(u[i], 0, basis[i], 0, rank);
        }
        return new ValueSpace(n, Math.max(n, d), rank, basis);
    }

    int rank() {
        return rank;
    }

    /** n x rank(T), orthonormal columns spanning col(T). */
    double[][] basis() {
        return Matrices.copy(basis);
    }

    /**
     * n x (n - rank(T)), orthonormal columns spanning the left null space {z : z^T T = 0}. The SVD's
     * U is thin, so for n > d the complement comes from a full Householder QR of the basis: the last
     * n - rank columns of its n x n orthogonal factor are orthogonal to col(T).
     */
    double[][] leftNullSpace() {
        int nullity = n - rank;
        double[][] out = new double[n][nullity];
        if (rank == 0) {
            for (int i = 0; i < n; i++) {
                out[i][i] = 1;
            }
            return out;
        }
        if (nullity == 0) {
            return out;
        }
        double[][] q = new QRDecomposition(MatrixUtils.createRealMatrix(basis)).getQ().getData();
        for (int i = 0; i < n; i++) {
            System.arraycopy(q[i], rank, out[i], 0, nullity);
        }
        return out;
    }

    /**
     * n x m, orthonormal columns spanning col(T) + span(1) (m = rank or rank + 1). For any x,
     * {@code W^T x = W^T a} holds iff {@code x^T T = a^T T} and {@code sum(x) = sum(a)}: the efficient
     * attention constraints as m independent, perfectly conditioned equations. The all-ones vector
     * adds a column only if its component z orthogonal to col(T) has |z| > sqrt(n) * max(n, d) * eps,
     * the rank tolerance relative to |1| = sqrt(n); otherwise the sum constraint is implied by the
     * output constraint. Misjudging a borderline case is harmless: a spurious column is still a
     * constraint that the original row satisfies, and a dropped one changes the sum by at most
     * |z| |x - a|, which the final renormalisation removes.
     */
    double[][] basisWithOnes() {
        double[] z = new double[n];
        Arrays.fill(z, 1.0);
        // Two rounds of Gram-Schmidt ("twice is enough"): when 1 is nearly in col(T), one round can
        // leave z with a component in col(T) of relative size eps |1| / |z|.
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < rank; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += basis[i][k] * z[i];
                }
                for (int i = 0; i < n; i++) {
                    z[i] -= dot * basis[i][k];
                }
            }
        }
        double norm = 0;
        for (double v : z) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        boolean addOnes = norm > Math.sqrt(n) * scale * EPS;
        double[][] out = new double[n][rank + (addOnes ? 1 : 0)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(basis[i], 0, out[i], 0, rank);
            if (addOnes) {
                out[i][rank] = z[i] / norm;
            }
        }
        return out;
    }
}
