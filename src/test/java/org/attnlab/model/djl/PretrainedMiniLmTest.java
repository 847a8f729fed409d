package org.attnlab.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Gradients;
import org.attnlab.model.OutputTarget;
import org.attnlab.model.Precision;
import org.attnlab.testing.TestModels;
import org.attnlab.testing.Differences;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 weights (with an untrained head): batching, identity edits, gradients. */
class PretrainedMiniLmTest {

    private static DjlBertModel model;
    private static List<TokenizedText> inputs;

    @BeforeAll
    static void load() {
        model = DjlBertModel.load(TestModels.minilmClassifier());
        inputs = new ArrayList<>();
        TestModels.SENTENCES.forEach(s -> inputs.add(model.tokenize(s, false)));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void hasTheMiniLmShapeAndSomeInputsAreLongerThanTheHeadSize() {
        assertEquals(6, model.info().layers());
        assertEquals(12, model.info().heads());
        assertEquals(512, model.info().maxPositions());
        assertTrue(inputs.stream().filter(t -> t.length() > 32).count() >= 2);
    }

    @Test
    void paddedBatchEqualsOneInputAtATime() {
        List<ForwardResult> batched = model.forward(inputs, ForwardOptions.EVERYTHING);
        double worst = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ForwardResult alone = model.forward(inputs.get(i), ForwardOptions.EVERYTHING);
            assertArrayEquals(alone.probabilities(), batched.get(i).probabilities(), 1e-5);
            worst = Math.max(worst, Differences.maxAbsDiff(alone.lastHiddenState(), batched.get(i).lastHiddenState()));
            for (int l = 0; l < 6; l++) {
                worst = Math.max(worst, Differences.maxAbsDiff(alone.attentions()[l], batched.get(i).attentions()[l]));
            }
        }
        System.out.printf("batched vs unbatched: max |diff| %.2e%n", worst);
        assertTrue(worst <= 1e-5, "max |diff| " + worst);
    }

    @Test
    void settingEachLayersAttentionToItselfChangesNothing() {
        TokenizedText input = inputs.get(5);
        ForwardResult plain = model.forward(input, ForwardOptions.EVERYTHING);
        List<List<AttentionEdit>> sets = new ArrayList<>();
        for (int l = 0; l < 6; l++) {
            List<AttentionEdit> itself = new ArrayList<>();
            for (int h = 0; h < 12; h++) {
                itself.add(new AttentionEdit.Replace(l, h, Differences.toDouble(plain.attentions()[l][h])));
            }
            sets.add(itself);
        }
        for (ForwardResult edited : model.forwardEdited(input, sets, ForwardOptions.EVERYTHING)) {
            assertArrayEquals(plain.probabilities(), edited.probabilities(), 1e-6);
            assertTrue(Differences.maxAbsDiff(plain.lastHiddenState(), edited.lastHiddenState()) <= 1e-6);
        }
    }

    @Test
    void float32GradientsAgreeWithFloat64FiniteDifferencesOnRealWeights() {
        TokenizedText input = inputs.get(1);
        OutputTarget target = OutputTarget.probability(1);
        Gradients g = model.gradients(input, target);
        try (DjlBertModel f64 = DjlBertModel.load(TestModels.minilmClassifier(), Precision.FLOAT64)) {
            Random random = new Random(3);
            double step = 1e-5;
            int d = g.embeddings()[0].length;
            double scale = 0;
            for (float[] row : g.embeddings()) {
                for (float v : row) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            for (int trial = 0; trial < 12; trial++) {
                int t = random.nextInt(input.length());
                int k = random.nextInt(d);
                double[][] plus = new double[input.length()][d];
                double[][] minus = new double[input.length()][d];
                plus[t][k] = step;
                minus[t][k] = -step;
                double fd = (softmax(f64.logitsWithEmbeddingOffset(input, plus, List.of()))[1]
                        - softmax(f64.logitsWithEmbeddingOffset(input, minus, List.of()))[1]) / (2 * step);
                assertEquals(fd, g.embeddings()[t][k], 1e-3 * scale, "token " + t + " dim " + k);
            }
        }
    }

    @Test
    void anEncoderWithoutAHeadReturnsNoProbabilitiesAndRefusesGradients() {
        try (DjlBertModel encoder = DjlBertModel.load(TestModels.minilm())) {
            assertFalse(encoder.info().isClassifier());
            ForwardResult r = encoder.forward(inputs.get(0), ForwardOptions.EVERYTHING);
            assertNull(r.probabilities());
            assertEquals(384, r.lastHiddenState()[0].length);
            assertThrows(IllegalStateException.class,
                    () -> encoder.gradients(inputs.get(0), OutputTarget.probability(0)));
        }
    }

    private static double[] softmax(double[] z) {
        double max = java.util.Arrays.stream(z).max().orElseThrow();
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
