package org.attnlab.model.embedding;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Word vectors reduced to fewer dimensions by projecting each onto the top {@code k} eigenvectors of the
 * vectors' second-moment matrix {@code XᵀX}: the rank-{@code k} least-squares fit of the whole set
 * (a truncated SVD). Not centred, unlike PCA: a start taken at raw scale keeps its vectors' lengths and
 * their angles to the origin, only the least-used directions go. Used to give a 384-d transformer
 * word-piece table the 300 dimensions of Jain &amp; Wallace's embeddings.
 */
public final class PrincipalProjection {

    private PrincipalProjection() {
    }

    /**
     * Each non-null row projected to {@code dimension} coordinates along the top eigenvectors, in
     * decreasing order of eigenvalue (so the first coordinate carries the most energy); null rows stay
     * null. Rows of exactly {@code dimension} values are returned as they are.
     *
     * @throws IllegalArgumentException rows of different lengths, fewer values than {@code dimension}, or no row
     */
    public static float[][] reduce(float[][] rows, int dimension) {
        int width = Arrays.stream(rows).filter(r -> r != null).mapToInt(r -> r.length).max()
                .orElseThrow(() -> new IllegalArgumentException("no word vector to reduce"));
        for (float[] r : rows) {
            if (r != null && r.length != width) {
                throw new IllegalArgumentException("word vectors of " + r.length + " and " + width + " dimensions");
            }
        }
        if (width < dimension) {
            throw new IllegalArgumentException("word vectors have " + width + " dimensions, fewer than the "
                    + dimension + " asked for");
        }
        if (width == dimension) {
            return rows;
        }
        double[][] second = new double[width][width];
        for (float[] r : rows) {
            if (r != null) {
                for (int i = 0; i < width; i++) {
                    double ri = r[i];
                    for (int j = i; j < width; j++) {
                        second[i][j] += ri * r[j];
                    }
                }
            }
        }
        for (int i = 0; i < width; i++) {
            for (int j = 0; j < i; j++) {
                second[i][j] = second[j][i];
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(second, false));
        double[] values = eigen.getRealEigenvalues();
        int[] order = IntStream.range(0, width).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -values[i])).mapToInt(Integer::intValue).toArray();
        double[][] axes = new double[dimension][];
        for (int a = 0; a < dimension; a++) {
            RealVector v = eigen.getEigenvector(order[a]);
            axes[a] = v.toArray();
        }
        float[][] out = new float[rows.length][];
        for (int w = 0; w < rows.length; w++) {
            if (rows[w] != null) {
                out[w] = new float[dimension];
                for (int a = 0; a < dimension; a++) {
                    double dot = 0;
                    for (int i = 0; i < width; i++) {
                        dot += axes[a][i] * rows[w][i];
                    }
                    out[w][a] = (float) dot;
                }
            }
        }
        return out;
    }

    /** Fraction of the rows' total squared length that {@link #reduce} keeps, for reporting. */
    public static double energyKept(float[][] original, float[][] reduced) {
        double before = 0;
        double after = 0;
        for (int w = 0; w < original.length; w++) {
            if (original[w] != null) {
                for (float x : original[w]) {
                    before += (double) x * x;
                }
                for (float x : reduced[w]) {
                    after += (double) x * x;
                }
            }
        }
        return before == 0 ? 1 : after / before;
    }
}
