package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Attention;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Encoder;
import org.junit.jupiter.api.Test;

/**
 * The BiLSTM and biGRU models against an independent reference: the cell recurrences, attention and
 * output layer written out in plain Java doubles from the model's own weights. The short input runs
 * inside a padded batch with a longer one, so a backward direction that started in the padding fails.
 */
class RecurrentReferenceTest {

    @Test
    void bilstmWithAdditiveAttentionMatchesHandWrittenRecurrence() {
        check(Encoder.BILSTM, Attention.ADDITIVE);
    }

    @Test
    void bigruWithDotAttentionMatchesHandWrittenRecurrence() {
        check(Encoder.BIGRU, Attention.DOT);
    }

    private static void check(Encoder encoder, Attention attention) {
        try (DjlRnnAttentionModel model = TinyRnnModels.create(encoder, attention, Precision.FLOAT64, 8)) {
            TokenizedText input = model.tokenize("I hated it", false);
            TokenizedText longer = model.tokenize(TinyRnnModels.SENTENCES.get(5), false);
            ForwardResult result = model.forward(List.of(input, longer), ForwardOptions.EVERYTHING).get(0);
            int n = input.length();
            int h = model.config().hiddenSize();
            double[][] x = new double[n][];
            for (int t = 0; t < n; t++) {
                x[t] = RnnGradientFiniteDifferenceTest.embedding(model, input.ids()[t]);
            }
            double[][] forward = run(model, encoder, x, "_l0", false);
            double[][] backward = run(model, encoder, x, "_l0_reverse", true);
            double[][] states = new double[n][2 * h];
            double worstState = 0;
            for (int t = 0; t < n; t++) {
                System.arraycopy(forward[t], 0, states[t], 0, h);
                System.arraycopy(backward[t], 0, states[t], h, h);
                for (int k = 0; k < 2 * h; k++) {
                    worstState = Math.max(worstState, Math.abs(states[t][k] - result.lastHiddenState()[t][k]));
                }
            }
            double[] alpha = attention(model, attention, states, input.special());
            double[] probs = RnnGradientFiniteDifferenceTest.softmax(output(model, alpha, states));
            System.out.printf("%s reference: max |dh| %.2e (float32 copy), max |dp| %.2e%n", encoder.key, worstState,
                    maxDiff(probs, result.probabilities()));
            assertTrue(worstState < 1e-6, "hidden states differ by " + worstState);
            for (int t = 0; t < n; t++) {
                assertEquals(alpha[t], result.attentions()[0][0][0][t], 1e-7, "alpha at " + t);
            }
            assertTrue(maxDiff(probs, result.probabilities()) < 1e-12, "probabilities differ");
        }
    }

    /** One direction of the recurrence from a zero state; {@code reverse} walks from the last token. */
    private static double[][] run(DjlRnnAttentionModel model, Encoder encoder, double[][] x, String suffix, boolean reverse) {
        int n = x.length;
        int h = model.config().hiddenSize();
        int e = x[0].length;
        double[] wih = model.parameter("encoder.weight_ih" + suffix);
        double[] whh = model.parameter("encoder.weight_hh" + suffix);
        double[] bih = model.parameter("encoder.bias_ih" + suffix);
        double[] bhh = model.parameter("encoder.bias_hh" + suffix);
        int gates = encoder == Encoder.BILSTM ? 4 : 3;
        double[] state = new double[h];
        double[] cell = new double[h];
        double[][] out = new double[n][];
        for (int step = 0; step < n; step++) {
            int t = reverse ? n - 1 - step : step;
            double[] gi = new double[gates * h];
            double[] gh = new double[gates * h];
            for (int g = 0; g < gates * h; g++) {
                gi[g] = bih[g];
                gh[g] = bhh[g];
                for (int k = 0; k < e; k++) {
                    gi[g] += wih[g * e + k] * x[t][k];
                }
                for (int k = 0; k < h; k++) {
                    gh[g] += whh[g * h + k] * state[k];
                }
            }
            double[] next = new double[h];
            for (int j = 0; j < h; j++) {
                if (encoder == Encoder.BILSTM) {
                    // PyTorch gate order: input, forget, cell candidate, output.
                    double i = sigmoid(gi[j] + gh[j]);
                    double f = sigmoid(gi[h + j] + gh[h + j]);
                    double g = Math.tanh(gi[2 * h + j] + gh[2 * h + j]);
                    double o = sigmoid(gi[3 * h + j] + gh[3 * h + j]);
                    cell[j] = f * cell[j] + i * g;
                    next[j] = o * Math.tanh(cell[j]);
                } else {
                    // PyTorch gate order: reset, update, new; the reset gate scales W_hn h + b_hn.
                    double r = sigmoid(gi[j] + gh[j]);
                    double z = sigmoid(gi[h + j] + gh[h + j]);
                    double nn = Math.tanh(gi[2 * h + j] + r * gh[2 * h + j]);
                    next[j] = (1 - z) * nn + z * state[j];
                }
            }
            state = next;
            out[t] = next;
        }
        return out;
    }

    private static double[] attention(DjlRnnAttentionModel model, Attention attention, double[][] states, boolean[] special) {
        int n = states.length;
        int size = states[0].length;
        double[] scores = new double[n];
        if (attention == Attention.ADDITIVE) {
            int a = model.config().attentionDim();
            double[] w = model.parameter("attention.proj.weight");
            double[] b = model.parameter("attention.proj.bias");
            double[] v = model.parameter("attention.v.weight");
            for (int t = 0; t < n; t++) {
                for (int i = 0; i < a; i++) {
                    double z = b[i];
                    for (int k = 0; k < size; k++) {
                        z += w[i * size + k] * states[t][k];
                    }
                    scores[t] += v[i] * Math.tanh(z);
                }
            }
        } else {
            double[] w = model.parameter("attention.v.weight");
            for (int t = 0; t < n; t++) {
                for (int k = 0; k < size; k++) {
                    scores[t] += w[k] * states[t][k] / Math.sqrt(size);
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            max = special[t] ? max : Math.max(max, scores[t]);
        }
        double[] alpha = new double[n];
        double sum = 0;
        for (int t = 0; t < n; t++) {
            alpha[t] = special[t] ? 0 : Math.exp(scores[t] - max);
            sum += alpha[t];
        }
        for (int t = 0; t < n; t++) {
            alpha[t] /= sum;
        }
        return alpha;
    }

    /** Logits of the attention-weighted sum of {@code states}; also used by the edit tests. */
    static double[] output(DjlRnnAttentionModel model, double[] alpha, double[][] states) {
        int size = states[0].length;
        double[] context = new double[size];
        for (int t = 0; t < states.length; t++) {
            for (int k = 0; k < size; k++) {
                context[k] += alpha[t] * states[t][k];
            }
        }
        double[] w = model.parameter("output.weight");
        double[] b = model.parameter("output.bias");
        double[] logits = b.clone();
        for (int c = 0; c < logits.length; c++) {
            for (int k = 0; k < size; k++) {
                logits[c] += w[c * size + k] * context[k];
            }
        }
        return logits;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double maxDiff(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
