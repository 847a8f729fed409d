package org.attnlab.explain;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.model.AttentionBlock;

/**
 * ALTI, Aggregation of Layer-wise Token-to-token Interactions (Ferrando et al. 2022). A post-LayerNorm attention
 * block's output splits exactly into one vector per input token plus biases:
 * <pre>
 *   y_i = LN(x_i + b_O + sum_j sum_h alpha^h_ij f^h(x_j)) = sum_j T_i(x_j) + L_i(b_O) + beta
 *   f^h(x_j)  = (x_j W_V^h + b_V^h) W_O^h
 *   T_i(x_j)  = L_i(sum_h alpha^h_ij f^h(x_j) + [i = j] x_i),   L_i(u) = gamma * (u - mean(u)) / sigma_i
 * </pre>
 * with {@code sigma_i = sqrt(var(u_i) + eps)} of the whole pre-LayerNorm vector. Token j's contribution to i is
 * how close its transformed vector comes to the output, by L1 distance:
 * {@code c_ij = max(0, ||y_i||_1 - ||y_i - T_i(x_j)||_1)}, each row divided by its sum. The layers' matrices are
 * composed by rollout without an added residual (it is inside {@code T_i(x_i)}); the score of token j is row
 * {@code row} ([CLS]) of the product.
 *
 * <p>One deliberate difference from the authors' code: they divide by {@code std(u_i + eps)} with PyTorch's
 * unbiased std, which is not the LayerNorm's own scale; here sigma_i is the LayerNorm's, so that the
 * decomposition adds up to the block's real output.
 */
public final class AltiMeasure implements ImportanceMeasure {

    private final int row;

    public AltiMeasure(int row) {
        this.row = row;
    }

    @Override
    public String id() {
        return "alti";
    }

    @Override
    public String key() {
        return id() + "[row=" + row + "]";
    }

    @Override
    public Importance explain(Instance x) {
        List<AttentionBlock> blocks = x.model().attentionBlocks(x.input());
        List<double[][]> perLayer = new ArrayList<>(blocks.size());
        for (AttentionBlock b : blocks) {
            perLayer.add(contributions(b));
        }
        return new Importance(id(), ContextMixing.rollout(perLayer)[row].clone(),
                ContextMixing.allLayers(blocks.size()));
    }

    /** One block's row-normalised contribution matrix {@code c[i][j]}. */
    static double[][] contributions(AttentionBlock b) {
        int n = b.tokens();
        int heads = b.heads();
        int d = b.hidden();
        double[][][] f = centredTransformedValues(b);
        double[][] centredInput = new double[n][];
        for (int i = 0; i < n; i++) {
            centredInput[i] = centred(b.input()[i]);
        }
        double[] centredBias = centred(b.outputBias());
        double[] gain = b.normGain();
        double[][] c = new double[n][n];
        double[][][] alpha = b.attention();
        double[] t = new double[d];
        double[][] transformed = new double[n][d];
        for (int i = 0; i < n; i++) {
            // Unnormalised, centred parts of u_i: centring is linear, so sum_j parts + centred bias = u_i - mean(u_i).
            double[] centredU = centredBias.clone();
            for (int j = 0; j < n; j++) {
                double[] part = transformed[j];
                java.util.Arrays.fill(part, 0);
                for (int h = 0; h < heads; h++) {
                    double a = alpha[h][i][j];
                    if (a != 0) {
                        double[] fj = f[h][j];
                        for (int k = 0; k < d; k++) {
                            part[k] += a * fj[k];
                        }
                    }
                }
                if (i == j) {
                    for (int k = 0; k < d; k++) {
                        part[k] += centredInput[i][k];
                    }
                }
                for (int k = 0; k < d; k++) {
                    centredU[k] += part[k];
                }
            }
            double variance = 0;
            for (int k = 0; k < d; k++) {
                variance += centredU[k] * centredU[k];
            }
            double sigma = Math.sqrt(variance / d + b.normEps());
            double[] y = new double[d];
            double yNorm = 0;
            for (int k = 0; k < d; k++) {
                y[k] = gain[k] * centredU[k] / sigma + b.normBias()[k];
                yNorm += Math.abs(y[k]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double distance = 0;
                for (int k = 0; k < d; k++) {
                    t[k] = gain[k] * transformed[j][k] / sigma;
                    distance += Math.abs(y[k] - t[k]);
                }
                c[i][j] = Math.max(0, yNorm - distance);
                sum += c[i][j];
            }
            if (sum > 0) {
                for (int j = 0; j < n; j++) {
                    c[i][j] /= sum;
                }
            }
        }
        return c;
    }

    /** {@code f^h(x_j) = v^h_j W_O^h}, centred over the hidden units: {@code [head][token][hidden]}. */
    private static double[][][] centredTransformedValues(AttentionBlock b) {
        int headSize = b.headSize();
        double[][] w = b.outputWeight();
        double[][][] f = new double[b.heads()][b.tokens()][];
        for (int h = 0; h < b.heads(); h++) {
            for (int j = 0; j < b.tokens(); j++) {
                double[] out = new double[b.hidden()];
                double[] v = b.values()[h][j];
                for (int k = 0; k < headSize; k++) {
                    double vk = v[k];
                    double[] row = w[h * headSize + k];
                    for (int o = 0; o < out.length; o++) {
                        out[o] += vk * row[o];
                    }
                }
                f[h][j] = centred(out);
            }
        }
        return f;
    }

    private static double[] centred(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = v[k] - mean;
        }
        return out;
    }
}
