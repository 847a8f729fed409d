package org.attnlab.explain;

/**
 * Attention rollout (Abnar &amp; Zuidema 2020): per layer the head-mean attention mixed with the
 * identity for the residual connection, {@code 0.5 A + 0.5 I} row-normalised, multiplied from the
 * first layer up; the score of token j is row {@code row} of the product.
 */
public final class RolloutMeasure implements ImportanceMeasure {

    private final int row;

    public RolloutMeasure(int row) {
        this.row = row;
    }

    @Override
    public String id() {
        return "rollout";
    }

    @Override
    public String key() {
        return id() + "[row=" + row + "]";
    }

    @Override
    public Importance explain(Instance x) {
        float[][][][] a = x.forward().attentions();
        int n = a[0][0][0].length;
        if (a[0][0].length != n) {
            throw new IllegalArgumentException("rollout needs square self-attention; "
                    + x.model().info().name() + " has " + a[0][0].length + " query rows");
        }
        double[][] rollout = identity(n);
        for (float[][][] layer : a) {
            double[][] mixed = new double[n][n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    double mean = 0;
                    for (float[][] head : layer) {
                        mean += head[i][j];
                    }
                    mixed[i][j] = 0.5 * mean / layer.length + (i == j ? 0.5 : 0);
                    sum += mixed[i][j];
                }
                for (int j = 0; j < n; j++) {
                    mixed[i][j] /= sum;
                }
            }
            rollout = multiply(mixed, rollout);
        }
        return new Importance(id(), rollout[row].clone());
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                for (int j = 0; j < n; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }
}
