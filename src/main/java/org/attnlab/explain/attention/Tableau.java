package org.attnlab.explain.attention;

import java.util.Arrays;

/**
 * A dense m x n simplex tableau for the equations {@code W^T x = b} (W n x m, full column rank) in
 * canonical form: after row operations, the column of the variable basic in row i is the unit
 * vector e_i. For a non-basic column k, the vector v with v_k = 1, v_basic(i) = -entry(i, k) and
 * zeros elsewhere then satisfies {@code W^T v = 0}: moving along it keeps the equations.
 */
final class Tableau {

    /** Entries at or below this magnitude count as zero in ratio tests and pivot choice. */
    static final double PIVOT_TOLERANCE = 1e-10;

    private final int m;
    private final int n;
    private final double[][] entries;
    /** basic[i]: the variable basic in row i. */
    private final int[] basic;
    /** rowOf[j]: the row where j is basic, -1 if non-basic. */
    private final int[] rowOf;

    private Tableau(double[][] entries, int[] basic, int[] rowOf) {
        this.m = entries.length;
        this.n = entries[0].length;
        this.entries = entries;
        this.basic = basic;
        this.rowOf = rowOf;
    }

    /**
     * W^T with a basis pivoted in by complete pivoting (largest remaining entry first), which keeps
     * the entries of the canonical form small.
     */
    static Tableau canonical(double[][] w) {
        int n = w.length;
        int m = w[0].length;
        double[][] entries = new double[m][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                entries[i][j] = w[j][i];
            }
        }
        int[] basic = new int[m];
        Arrays.fill(basic, -1);
        int[] rowOf = new int[n];
        Arrays.fill(rowOf, -1);
        Tableau tableau = new Tableau(entries, basic, rowOf);
        for (int p = 0; p < m; p++) {
            int bestRow = -1;
            int bestColumn = -1;
            double max = PIVOT_TOLERANCE;
            for (int i = 0; i < m; i++) {
                for (int j = 0; basic[i] < 0 && j < n; j++) {
                    if (rowOf[j] < 0 && Math.abs(entries[i][j]) > max) {
                        max = Math.abs(entries[i][j]);
                        bestRow = i;
                        bestColumn = j;
                    }
                }
            }
            if (bestRow < 0) {
                throw new IllegalArgumentException("W^T has rank " + p + " < " + m + " rows");
            }
            tableau.pivot(bestRow, bestColumn);
        }
        return tableau;
    }

    Tableau copy() {
        double[][] e = new double[m][];
        for (int i = 0; i < m; i++) {
            e[i] = entries[i].clone();
        }
        return new Tableau(e, basic.clone(), rowOf.clone());
    }

    int rows() {
        return m;
    }

    int columns() {
        return n;
    }

    double entry(int i, int j) {
        return entries[i][j];
    }

    int basic(int i) {
        return basic[i];
    }

    boolean isBasic(int j) {
        return rowOf[j] >= 0;
    }

    /** Gauss-Jordan pivot on (r, j): j becomes the basic variable of row r, the old one non-basic. */
    void pivot(int r, int j) {
        double[] row = entries[r];
        double inverse = 1 / row[j];
        for (int c = 0; c < n; c++) {
            row[c] *= inverse;
        }
        row[j] = 1;
        for (int i = 0; i < m; i++) {
            double f = entries[i][j];
            if (i != r && f != 0) {
                double[] other = entries[i];
                for (int c = 0; c < n; c++) {
                    other[c] -= f * row[c];
                }
                other[j] = 0;
            }
        }
        if (basic[r] >= 0) {
            rowOf[basic[r]] = -1;
        }
        basic[r] = j;
        rowOf[j] = r;
    }
}
