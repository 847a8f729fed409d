package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.explain.Instance;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.AttentionReadout;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;

/**
 * The map from an attention row to class logits when everything after the attention is affine in it
 * (the papers' models: logits = W (sum_t alpha_t h_t) + b with fixed encoder states h), recovered
 * exactly from n + 1 edited forwards (each basis vector, and zero) run as one batch, then checked on
 * the model's own attention. As an {@link AttentionReadout} it has one head, and its gradient is analytic.
 */
final class AffineReadout implements AttentionReadout {

    final double[][] weights; // [class][token]
    final double[] bias;      // [class]

    private AffineReadout(double[][] weights, double[] bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /** @throws IllegalArgumentException when the model's output is not affine in its (single-row) attention */
    static AffineReadout of(Instance x, int layer) {
        int n = x.input().length();
        float[][][] attention = x.forward().attentions()[layer];
        if (attention.length != 1 || attention[0].length != 1) {
            throw new IllegalArgumentException("adversarial attention needs one head with one query row after which the "
                    + "output is affine (the papers' RNN attention models); " + x.model().info().name() + " has "
                    + attention.length + " heads x " + attention[0].length + " rows");
        }
        List<List<AttentionEdit>> sets = new ArrayList<>(n + 1);
        sets.add(List.of(new AttentionEdit.Replace(layer, 0, new double[1][n])));
        for (int t = 0; t < n; t++) {
            double[][] basis = new double[1][n];
            basis[0][t] = 1;
            sets.add(List.of(new AttentionEdit.Replace(layer, 0, basis)));
        }
        List<ForwardResult> out = x.model().forwardEdited(x.input(), sets, ForwardOptions.OUTPUT_ONLY);
        double[] bias = out.get(0).logits();
        double[][] w = new double[bias.length][n];
        for (int t = 0; t < n; t++) {
            double[] z = out.get(t + 1).logits();
            for (int c = 0; c < bias.length; c++) {
                w[c][t] = z[c] - bias[c];
            }
        }
        AffineReadout readout = new AffineReadout(w, bias);
        double[] alpha = new double[n];
        for (int t = 0; t < n; t++) {
            alpha[t] = attention[0][0][t];
        }
        double[] predicted = readout.logits(alpha);
        double[] actual = x.forward().logits();
        for (int c = 0; c < actual.length; c++) {
            if (Math.abs(predicted[c] - actual[c]) > 1e-3 * (1 + Math.abs(actual[c]))) {
                throw new IllegalArgumentException("adversarial attention needs an output affine in the attention; "
                        + x.model().info().name() + "'s is not (logit " + c + ": affine fit " + predicted[c] + " vs " + actual[c] + ")");
            }
        }
        return readout;
    }

    double[] logits(double[] alpha) {
        double[] z = bias.clone();
        for (int c = 0; c < z.length; c++) {
            for (int t = 0; t < alpha.length; t++) {
                z[c] += weights[c][t] * alpha[t];
            }
        }
        return z;
    }

    @Override
    public int heads() {
        return 1;
    }

    @Override
    public int keys() {
        return weights[0].length;
    }

    @Override
    public int classes() {
        return bias.length;
    }

    @Override
    public double[][] probabilities(double[][][] rows) {
        double[][] out = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            out[k] = softmax(logits(rows[k][0]));
        }
        return out;
    }

    /** Through the softmax to the logits, then the affine map's transpose: d/d alpha_t = sum_c dz_c W[c][t]. */
    @Override
    public double[][][] backward(double[][][] rows, double[][] upstream) {
        double[][][] out = new double[rows.length][1][];
        for (int k = 0; k < rows.length; k++) {
            double[] dz = AdversarialSearch.softmaxBackward(softmax(logits(rows[k][0])), upstream[k]);
            double[] g = new double[keys()];
            for (int t = 0; t < g.length; t++) {
                double s = 0;
                for (int c = 0; c < dz.length; c++) {
                    s += dz[c] * weights[c][t];
                }
                g[t] = s;
            }
            out[k][0] = g;
        }
        return out;
    }

    @Override
    public void close() {
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
