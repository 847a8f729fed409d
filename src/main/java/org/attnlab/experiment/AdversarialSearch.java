package org.attnlab.experiment;

import java.util.Random;
import org.attnlab.model.AttentionReadout;

/**
 * The optimisation behind {@link AdversarialExperiment}: for each of K adversaries and each head h, log-attention
 * theta_kh over the m real tokens, a_kh = softmax(theta_kh), minimising
 * {@code sum_k [-J(a_k, alpha) + w relu(TVD(y_k, y) - tol)] - sum_{k<l} J(a_k, a_l)} with Adam (beta 0.9/0.999),
 * where J is the JSD averaged over the heads that carry mass on real tokens (with one head, J&amp;W's JSD) and
 * y_k the readout's output for the rows {@code fixed_h + mass_h * a_kh} (special tokens keep their original
 * weights {@code fixed_h}; the real tokens share the original real mass {@code mass_h}). The K adversaries go to
 * the readout as one batch per step; its vector–Jacobian product gives the hinge's gradient.
 */
final class AdversarialSearch {

    private final AttentionReadout readout;
    private final int[] real;
    private final double[][] fixed;  // [head][key]: the original row at special tokens, 0 at real ones
    private final double[] mass;     // [head]: the original row's mass on real tokens
    private final double[] headWeight; // [head]: 1 / (heads with mass) or 0
    private final double[][] alpha;  // [head][real token]: the original, renormalised over real tokens
    private final double[] y;
    private final int k;
    private final int steps;
    private final double lr;
    private final double tolerance;
    private final double hingeWeight;

    AdversarialSearch(AttentionReadout readout, int[] real, double[][] fixed, double[] mass, double[][] alpha,
                      double[] y, int k, int steps, double lr, double tolerance, double hingeWeight) {
        this.readout = readout;
        this.real = real;
        this.fixed = fixed;
        this.mass = mass;
        this.alpha = alpha;
        this.y = y;
        this.k = k;
        this.steps = steps;
        this.lr = lr;
        this.tolerance = tolerance;
        this.hingeWeight = hingeWeight;
        int active = 0;
        for (double v : mass) {
            active += v > 0 ? 1 : 0;
        }
        this.headWeight = new double[mass.length];
        for (int h = 0; h < mass.length; h++) {
            headWeight[h] = mass[h] > 0 ? 1.0 / active : 0;
        }
    }

    /** The adversaries, {@code [k][head][real token]}, each a distribution over the real tokens. */
    double[][][] run(Random random) {
        int m = real.length;
        int heads = mass.length;
        double[][][] theta = new double[k][heads][m];
        for (double[][] t : theta) {
            for (double[] th : t) {
                for (int i = 0; i < m; i++) {
                    th[i] = Math.log(1.0 / m) + 3 * random.nextGaussian();
                }
            }
        }
        double[][][] first = new double[k][heads][m];
        double[][][] second = new double[k][heads][m];
        for (int step = 1; step <= steps; step++) {
            double[][][] a = softmax(theta);
            double[][][] grad = lossGradient(a);
            double c1 = 1 - Math.pow(0.9, step);
            double c2 = 1 - Math.pow(0.999, step);
            for (int j = 0; j < k; j++) {
                for (int h = 0; h < heads; h++) {
                    double[] g = softmaxBackward(a[j][h], grad[j][h]);
                    for (int i = 0; i < m; i++) {
                        first[j][h][i] = 0.9 * first[j][h][i] + 0.1 * g[i];
                        second[j][h][i] = 0.999 * second[j][h][i] + 0.001 * g[i] * g[i];
                        double mHat = first[j][h][i] / c1;
                        double vHat = second[j][h][i] / c2;
                        theta[j][h][i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                    }
                }
            }
        }
        return softmax(theta);
    }

    /** The full rows (every key) the readout sees for adversaries over the real tokens {@code a [k][head][real]}. */
    double[][][] rows(double[][][] a) {
        double[][][] rows = new double[a.length][][];
        for (int j = 0; j < a.length; j++) {
            rows[j] = new double[mass.length][];
            for (int h = 0; h < mass.length; h++) {
                double[] r = fixed[h].clone();
                for (int i = 0; i < real.length; i++) {
                    r[real[i]] = mass[h] * a[j][h][i];
                }
                rows[j][h] = r;
            }
        }
        return rows;
    }

    /** d loss / d a_kh (over the real tokens) for every adversary and head. */
    private double[][][] lossGradient(double[][][] a) {
        int m = real.length;
        int heads = mass.length;
        double[][][] grad = new double[k][heads][m];
        for (int j = 0; j < k; j++) {
            for (int h = 0; h < heads; h++) {
                if (headWeight[h] == 0) {
                    continue;
                }
                addJsdGradient(grad[j][h], a[j][h], alpha[h], -headWeight[h]);
                for (int l = 0; l < k; l++) {
                    if (l != j) {
                        addJsdGradient(grad[j][h], a[j][h], a[l][h], -headWeight[h]);
                    }
                }
            }
        }
        double[][][] rows = rows(a);
        double[][] out = readout.probabilities(rows);
        double[][] upstream = new double[k][];
        boolean any = false;
        for (int j = 0; j < k; j++) {
            double tvd = 0;
            for (int c = 0; c < y.length; c++) {
                tvd += 0.5 * Math.abs(out[j][c] - y[c]);
            }
            // d TVD / d y_c = 0.5 sign(y_c - y0_c), where the hinge is active; the readout carries it to the rows.
            upstream[j] = new double[y.length];
            if (tvd > tolerance) {
                any = true;
                for (int c = 0; c < y.length; c++) {
                    upstream[j][c] = 0.5 * Math.signum(out[j][c] - y[c]);
                }
            }
        }
        if (any) {
            double[][][] dRows = readout.backward(rows, upstream);
            for (int j = 0; j < k; j++) {
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < m; i++) {
                        grad[j][h][i] += hingeWeight * (mass[h] * dRows[j][h][real[i]]);
                    }
                }
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

    private static double[][][] softmax(double[][][] theta) {
        double[][][] a = new double[theta.length][][];
        for (int j = 0; j < theta.length; j++) {
            a[j] = new double[theta[j].length][];
            for (int h = 0; h < theta[j].length; h++) {
                a[j][h] = AffineReadout.softmax(theta[j][h]);
            }
        }
        return a;
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
