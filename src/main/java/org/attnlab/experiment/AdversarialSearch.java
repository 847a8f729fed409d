package org.attnlab.experiment;

import java.util.Random;

/**
 * The optimisation behind {@link AdversarialExperiment}, with analytic gradients: K log-attention
 * vectors theta_k over the m real tokens, alpha_k = softmax(theta_k), minimising
 * {@code sum_k [-JSD(alpha_k, alpha) + w relu(TVD(y_k, y) - tol)] - sum_{k<l} JSD(alpha_k, alpha_l)}
 * with Adam (beta 0.9/0.999), where y_k = softmax(W alpha_k + b) through the affine readout.
 */
final class AdversarialSearch {

    private final AffineReadout readout;
    private final int[] real;
    private final int n;
    private final double[] alpha;
    private final double[] y;
    private final int k;
    private final int steps;
    private final double lr;
    private final double tolerance;
    private final double hingeWeight;

    AdversarialSearch(AffineReadout readout, int[] real, int n, double[] alpha, double[] y, int k, int steps, double lr,
                      double tolerance, double hingeWeight) {
        this.readout = readout;
        this.real = real;
        this.n = n;
        this.alpha = alpha;
        this.y = y;
        this.k = k;
        this.steps = steps;
        this.lr = lr;
        this.tolerance = tolerance;
        this.hingeWeight = hingeWeight;
    }

    double[][] run(Random random) {
        int m = real.length;
        double[][] theta = new double[k][m];
        for (double[] t : theta) {
            for (int i = 0; i < m; i++) {
                t[i] = Math.log(1.0 / m) + 3 * random.nextGaussian();
            }
        }
        double[][] first = new double[k][m];
        double[][] second = new double[k][m];
        for (int step = 1; step <= steps; step++) {
            double[][] a = new double[k][];
            for (int j = 0; j < k; j++) {
                a[j] = AffineReadout.softmax(theta[j]);
            }
            for (int j = 0; j < k; j++) {
                double[] grad = lossGradient(a, j);
                double[] g = softmaxBackward(a[j], grad);
                for (int i = 0; i < m; i++) {
                    first[j][i] = 0.9 * first[j][i] + 0.1 * g[i];
                    second[j][i] = 0.999 * second[j][i] + 0.001 * g[i] * g[i];
                    double mHat = first[j][i] / (1 - Math.pow(0.9, step));
                    double vHat = second[j][i] / (1 - Math.pow(0.999, step));
                    theta[j][i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            }
        }
        double[][] out = new double[k][];
        for (int j = 0; j < k; j++) {
            out[j] = AffineReadout.softmax(theta[j]);
        }
        return out;
    }

    /** d loss / d alpha_j (over the real tokens). */
    private double[] lossGradient(double[][] a, int j) {
        int m = real.length;
        double[] grad = new double[m];
        addJsdGradient(grad, a[j], alpha, -1);
        for (int l = 0; l < k; l++) {
            if (l != j) {
                addJsdGradient(grad, a[j], a[l], -1);
            }
        }
        double[] full = AdversarialExperiment.scatter(a[j], real, n);
        double[] yj = AffineReadout.softmax(readout.logits(full));
        double tvd = 0;
        for (int c = 0; c < y.length; c++) {
            tvd += 0.5 * Math.abs(yj[c] - y[c]);
        }
        if (tvd > tolerance) {
            // d TVD / d y_c = 0.5 sign(y_c - y0_c); through softmax to logits, then the affine map to alpha.
            double[] dy = new double[y.length];
            for (int c = 0; c < y.length; c++) {
                dy[c] = 0.5 * Math.signum(yj[c] - y[c]);
            }
            double[] dz = softmaxBackward(yj, dy);
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int c = 0; c < dz.length; c++) {
                    s += dz[c] * readout.weights[c][real[i]];
                }
                grad[i] += hingeWeight * s;
            }
        }
        return grad;
    }

    /** grad += sign * d JSD(p, q) / d p, which is 0.5 ln(p_i / m_i) with m = (p + q) / 2. */
    private static void addJsdGradient(double[] grad, double[] p, double[] q, double sign) {
        for (int i = 0; i < p.length; i++) {
            double mid = 0.5 * (p[i] + q[i]);
            if (p[i] > 0 && mid > 0) {
                grad[i] += sign * 0.5 * Math.log(p[i] / mid);
            }
        }
    }

    /** Backward through softmax: given d/dp, returns d/dz = p * (g - p.g). */
    static double[] softmaxBackward(double[] p, double[] g) {
        double dot = 0;
        for (int i = 0; i < p.length; i++) {
            dot += p[i] * g[i];
        }
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] * (g[i] - dot);
        }
        return out;
    }
}
