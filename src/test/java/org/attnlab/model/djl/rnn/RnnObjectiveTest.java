package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Attention;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Encoder;
import org.junit.jupiter.api.Test;

/**
 * The training objectives against hand computation in double: Wiegreffe &amp; Pinter's adversarial loss on literal
 * numbers and on a real step; the diagnostic's imposed pooling weights as what the step's loss is made of.
 */
class RnnObjectiveTest {

    @Test
    void adversarialLossOnAToyBatchIsTheHandComputedOne() {
        double[][] logits = {{0.3, -1.2, 0.8}, {2.0, 0.5, -0.4}};
        double[][] alpha = {{0, 0.7, 0.3, 0}, {0, 0.2, 0.5, 0.3}};
        double[][] q = {{0.5, 0.2, 0.3}, {0.1, 0.6, 0.3}};
        double[][] beta = {{0, 0.5, 0.5, 0}, {0, 0.6, 0.1, 0.3}};
        double lambda = 0.4;
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double z = Math.exp(logits[i][0]) + Math.exp(logits[i][1]) + Math.exp(logits[i][2]);
            double tvd = 0;
            for (int c = 0; c < 3; c++) {
                tvd += 0.5 * Math.abs(Math.exp(logits[i][c]) / z - q[i][c]);
            }
            double kl = 0;
            for (int t = 0; t < 4; t++) {
                kl += alpha[i][t] == 0 ? 0 : alpha[i][t] * Math.log(alpha[i][t] / beta[i][t]);
            }
            expected += (tvd - lambda * kl) / 2;
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray loss = RnnObjective.adversarialLoss(m.create(logits), m.create(alpha), m.create(q), m.create(beta),
                    lambda);
            assertEquals(DataType.FLOAT64, loss.getDataType());
            assertEquals(expected, loss.toDoubleArray()[0], 1e-9);
        }
    }

    @Test
    void anAdversarialStepReportsTheLossOfBothModelsForwards() {
        List<String> texts = TinyRnnModels.SENTENCES.subList(0, 4);
        double lambda = 0.7;
        try (DjlRnnAttentionModel adversary = TinyRnnModels.create(Encoder.BILSTM, Attention.ADDITIVE, Precision.FLOAT64, 3);
             DjlRnnAttentionModel reference = TinyRnnModels.create(Encoder.BILSTM, Attention.ADDITIVE, Precision.FLOAT64, 4)) {
            List<TokenizedText> inputs = texts.stream().map(t -> adversary.tokenize(t, false)).toList();
            List<ForwardResult> p = adversary.forward(inputs, ForwardOptions.WITH_ATTENTIONS);
            List<ForwardResult> q = reference.forward(inputs, ForwardOptions.WITH_ATTENTIONS);
            double expected = 0;
            for (int i = 0; i < inputs.size(); i++) {
                double tvd = 0;
                for (int c = 0; c < 3; c++) {
                    tvd += 0.5 * Math.abs(p.get(i).probabilities()[c] - q.get(i).probabilities()[c]);
                }
                float[] a = p.get(i).attentions()[0][0][0];
                float[] b = q.get(i).attentions()[0][0][0];
                double kl = 0;
                for (int t = 0; t < a.length; t++) {
                    kl += a[t] == 0 ? 0 : a[t] * Math.log((double) a[t] / b[t]);
                }
                expected += (tvd - lambda * kl) / inputs.size();
            }
            double[] attentionBefore = adversary.parameter("attention.v.weight");
            double loss = adversary.trainStep(inputs, new int[] {0, 1, 2, 0},
                    RnnObjective.consistentAdversary(reference, lambda));
            // Attention rows pass through float32 in ForwardResult: ~1e-7 relative.
            assertEquals(expected, loss, 1e-5);
            assertFalse(Arrays.equals(attentionBefore, adversary.parameter("attention.v.weight")),
                    "the KL term trains the adversary's attention");
        }
    }

    @Test
    void theDiagnosticPoolsWithExactlyTheImposedWeights() {
        List<String> texts = List.of(TinyRnnModels.SENTENCES.get(0), TinyRnnModels.SENTENCES.get(3));
        int[] labels = {2, 1};
        try (DjlRnnAttentionModel mlp = TinyRnnModels.create(Encoder.AVERAGE, Attention.UNIFORM, Precision.FLOAT64, 5)) {
            List<TokenizedText> inputs = texts.stream().map(t -> mlp.tokenize(t, false)).toList();
            // A fake source: far from uniform, zero at the markers (the first text has 7 words, the second 2).
            double[][] imposed = new double[2][];
            for (int i = 0; i < 2; i++) {
                int n = inputs.get(i).length();
                imposed[i] = new double[n];
                double sum = 0;
                for (int t = 1; t < n - 1; t++) {
                    imposed[i][t] = t * t;
                    sum += t * t;
                }
                for (int t = 1; t < n - 1; t++) {
                    imposed[i][t] /= sum;
                }
            }
            double[][] uniform = new double[2][];
            for (int i = 0; i < 2; i++) {
                int n = inputs.get(i).length();
                uniform[i] = new double[n];
                Arrays.fill(uniform[i], 1, n - 1, 1.0 / (n - 2));
            }
            double expected = handLoss(mlp, inputs, labels, imposed);
            double withUniform = handLoss(mlp, inputs, labels, uniform);
            assertTrue(Math.abs(expected - withUniform) > 1e-4, "the toy weights change the loss: " + expected
                    + " vs " + withUniform);
            double[] embeddings = mlp.parameter("embedding.weight");
            double[] projection = mlp.parameter("encoder.projection.weight");
            double[] output = mlp.parameter("output.weight");
            double loss = mlp.trainStep(inputs, labels, RnnObjective.imposedAttention(batch -> {
                assertEquals(inputs, batch, "the source sees the step's own tokens");
                return imposed;
            }));
            assertEquals(expected, loss, 1e-12);
            assertFalse(Arrays.equals(embeddings, mlp.parameter("embedding.weight")));
            assertFalse(Arrays.equals(projection, mlp.parameter("encoder.projection.weight")));
            assertFalse(Arrays.equals(output, mlp.parameter("output.weight")));
            // Unedited, the same model pools uniformly: its plain cross-entropy step sees the uniform loss.
            assertEquals(handLoss(mlp, inputs, labels, uniform), mlp.trainStep(inputs, labels), 1e-12);
        }
    }

    @Test
    void imposedRowsMustFitTheirInputs() {
        try (DjlRnnAttentionModel mlp = TinyRnnModels.create(Encoder.AVERAGE, Attention.UNIFORM, Precision.FLOAT64, 5)) {
            List<TokenizedText> inputs = List.of(mlp.tokenize(TinyRnnModels.SENTENCES.get(3), false));
            assertThrows(IllegalArgumentException.class, () -> mlp.trainStep(inputs, new int[] {0},
                    RnnObjective.imposedAttention(batch -> new double[][] {{0, 1, 0}})));
            assertThrows(IllegalArgumentException.class, () -> RnnObjective.consistentAdversary(mlp, -1));
        }
    }

    /**
     * Mean cross-entropy of the average-encoder model pooled with {@code alpha}, from its parameters: per token
     * h = tanh(W e + b), context sum_t alpha_t h_t, logits U context + d.
     */
    private static double handLoss(DjlRnnAttentionModel mlp, List<TokenizedText> inputs, int[] labels, double[][] alpha) {
        int e = 6;
        int h = 4;
        int classes = 3;
        double[] emb = mlp.parameter("embedding.weight");
        double[] w = mlp.parameter("encoder.projection.weight");
        double[] b = mlp.parameter("encoder.projection.bias");
        double[] u = mlp.parameter("output.weight");
        double[] d = mlp.parameter("output.bias");
        double total = 0;
        for (int i = 0; i < inputs.size(); i++) {
            long[] ids = inputs.get(i).ids();
            double[] context = new double[h];
            for (int t = 0; t < ids.length; t++) {
                for (int j = 0; j < h; j++) {
                    double pre = b[j];
                    for (int k = 0; k < e; k++) {
                        pre += w[j * e + k] * emb[(int) ids[t] * e + k];
                    }
                    context[j] += alpha[i][t] * Math.tanh(pre);
                }
            }
            double[] z = new double[classes];
            double norm = 0;
            for (int c = 0; c < classes; c++) {
                z[c] = d[c];
                for (int j = 0; j < h; j++) {
                    z[c] += u[c * h + j] * context[j];
                }
                norm += Math.exp(z[c]);
            }
            total += -(z[labels[i]] - Math.log(norm)) / inputs.size();
        }
        return total;
    }
}
