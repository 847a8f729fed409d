package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.OutputTarget;
import org.attnlab.model.Precision;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Attention;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Encoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradients of every encoder/attention variant against central finite differences of the forward
 * pass, in float64: input embeddings, alpha, detached alpha (alpha held fixed by a Replace edit),
 * gradients through a ZeroKeys renormalisation, and the scaled embeddings of integrated gradients.
 */
class RnnGradientFiniteDifferenceTest {

    private static final double STEP = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-4;

    static List<Object[]> variants() {
        return TinyRnnModels.variants();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("variants")
    void embeddingGradientMatchesFiniteDifferences(Encoder encoder, Attention attention) {
        try (DjlRnnAttentionModel model = TinyRnnModels.create(encoder, attention, Precision.FLOAT64, 3)) {
            TokenizedText input = model.tokenize(TinyRnnModels.SENTENCES.get(1), false);
            for (OutputTarget target : List.of(OutputTarget.probability(1), OutputTarget.logit(2))) {
                Gradients g = model.gradients(input, target);
                double[][] fd = finiteDifferences(model, input, List.of(), zeros(model, input), output(target));
                double err = maxRelativeError(flatten(g.embeddings()), flatten(fd));
                System.out.printf("%s/%s embedding gradient (%s): max relative error %.2e%n", encoder.key, attention.key,
                        target, err);
                assertTrue(err <= MAX_RELATIVE_ERROR, "relative error " + err);
                assertEquals(output(target).apply(model.logitsWithEmbeddingOffset(input, zeros(model, input), List.of())),
                        g.value(), 1e-12);
                for (int t = 0; t < input.length(); t++) {
                    double[] e = embedding(model, input.ids()[t]);
                    double dot = 0;
                    double sq = 0;
                    for (int k = 0; k < e.length; k++) {
                        dot += fd[t][k] * e[k];
                        sq += fd[t][k] * fd[t][k];
                    }
                    assertEquals(dot, g.gradTimesInput()[t], 1e-6 * (1 + Math.abs(dot)));
                    assertEquals(Math.sqrt(sq), g.gradL2()[t], 1e-6 * (1 + Math.sqrt(sq)));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("variants")
    void alphaGradientMatchesFiniteDifferences(Encoder encoder, Attention attention) {
        try (DjlRnnAttentionModel model = TinyRnnModels.create(encoder, attention, Precision.FLOAT64, 4)) {
            TokenizedText input = model.tokenize(TinyRnnModels.SENTENCES.get(4), false);
            int n = input.length();
            Gradients g = model.gradients(input, OutputTarget.probability(0));
            List<List<AttentionEdit>> nudges = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                nudges.add(List.of(nudge(j, STEP)));
                nudges.add(List.of(nudge(j, -STEP)));
            }
            List<ForwardResult> out = model.forwardEdited(input, nudges, ForwardOptions.OUTPUT_ONLY);
            double[] fd = new double[n];
            for (int j = 0; j < n; j++) {
                fd[j] = (out.get(2 * j).probabilities()[0] - out.get(2 * j + 1).probabilities()[0]) / (2 * STEP);
            }
            double err = maxRelativeError(toDoubles(g.attentions()[0][0][0]), fd);
            System.out.printf("%s/%s alpha gradient: max relative error %.2e%n", encoder.key, attention.key, err);
            assertTrue(err <= MAX_RELATIVE_ERROR, "relative error " + err);
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("variants")
    void detachedGradientIsTheGradientWithAlphaHeldFixed(Encoder encoder, Attention attention) {
        try (DjlRnnAttentionModel model = TinyRnnModels.create(encoder, attention, Precision.FLOAT64, 5)) {
            TokenizedText input = model.tokenize(TinyRnnModels.SENTENCES.get(5), false);
            double[][] recorded = new double[1][];
            model.logitsWithEmbeddingOffset(input, zeros(model, input), List.of(new AttentionEdit.Apply(0, 0, a -> {
                recorded[0] = a[0].clone();
                return a;
            })));
            List<AttentionEdit> hold = List.of(new AttentionEdit.Replace(0, 0, recorded));
            OutputTarget target = OutputTarget.probability(2);
            Gradients detached = model.gradients(input, GradientRequest.of(target).detached());
            Gradients attached = model.gradients(input, target);
            double[][] fd = finiteDifferences(model, input, hold, zeros(model, input), output(target));
            double err = maxRelativeError(flatten(detached.embeddings()), flatten(fd));
            System.out.printf("%s/%s detached embedding gradient: max relative error %.2e%n", encoder.key, attention.key, err);
            assertTrue(err <= MAX_RELATIVE_ERROR, "relative error " + err);
            if (encoder != Encoder.NONE || attention != Attention.DOT) {
                assertTrue(maxRelativeError(flatten(attached.embeddings()), flatten(fd)) > 1e-2,
                        "detaching must change the gradient");
            }
            assertArrayEqualsWithin(attached.attentions()[0][0][0], detached.attentions()[0][0][0], 1e-6);
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("variants")
    void gradientFlowsThroughZeroKeysRenormalisation(Encoder encoder, Attention attention) {
        try (DjlRnnAttentionModel model = TinyRnnModels.create(encoder, attention, Precision.FLOAT64, 6)) {
            TokenizedText input = model.tokenize(TinyRnnModels.SENTENCES.get(0), false);
            List<AttentionEdit> erase = List.of(new AttentionEdit.ZeroKeys(0, AttentionEdit.ALL_HEADS, new int[] {2, 5}));
            OutputTarget target = OutputTarget.probability(1);
            Gradients g = model.gradients(input, GradientRequest.of(target).withEdits(erase));
            double[][] fd = finiteDifferences(model, input, erase, zeros(model, input), output(target));
            double err = maxRelativeError(flatten(g.embeddings()), flatten(fd));
            System.out.printf("%s/%s embedding gradient under ZeroKeys: max relative error %.2e%n", encoder.key,
                    attention.key, err);
            assertTrue(err <= MAX_RELATIVE_ERROR, "relative error " + err);
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("variants")
    void scaledGradientIsTheGradientAtTheScaledEmbeddings(Encoder encoder, Attention attention) {
        try (DjlRnnAttentionModel model = TinyRnnModels.create(encoder, attention, Precision.FLOAT64, 7)) {
            TokenizedText input = model.tokenize(TinyRnnModels.SENTENCES.get(2), false);
            double scale = 0.3;
            double[][] offset = zeros(model, input);
            for (int t = 0; t < input.length(); t++) {
                double[] e = embedding(model, input.ids()[t]);
                for (int k = 0; k < e.length; k++) {
                    offset[t][k] = (scale - 1) * e[k];
                }
            }
            OutputTarget target = OutputTarget.probability(0);
            Gradients g = model.gradients(input, GradientRequest.of(target).scaled(scale));
            double[][] fd = finiteDifferences(model, input, List.of(), offset, output(target));
            double err = maxRelativeError(flatten(g.embeddings()), flatten(fd));
            System.out.printf("%s/%s scaled (0.3) embedding gradient: max relative error %.2e%n", encoder.key,
                    attention.key, err);
            assertTrue(err <= MAX_RELATIVE_ERROR, "relative error " + err);
        }
    }

    /** d f(logits) / d embedding[t][k] by central differences around {@code base}, under {@code edits}. */
    private static double[][] finiteDifferences(DjlRnnAttentionModel model, TokenizedText input, List<AttentionEdit> edits,
                                                double[][] base, Function<double[], Double> f) {
        double[][] fd = new double[base.length][base[0].length];
        for (int t = 0; t < base.length; t++) {
            for (int k = 0; k < base[0].length; k++) {
                double[][] plus = deepCopy(base);
                double[][] minus = deepCopy(base);
                plus[t][k] += STEP;
                minus[t][k] -= STEP;
                fd[t][k] = (f.apply(model.logitsWithEmbeddingOffset(input, plus, edits))
                        - f.apply(model.logitsWithEmbeddingOffset(input, minus, edits))) / (2 * STEP);
            }
        }
        return fd;
    }

    private static Function<double[], Double> output(OutputTarget target) {
        return logits -> target.kind() == OutputTarget.Kind.LOGIT ? logits[target.classIndex()]
                : softmax(logits)[target.classIndex()];
    }

    private static AttentionEdit nudge(int j, double delta) {
        return new AttentionEdit.Apply(0, 0, m -> {
            m[0][j] += delta;
            return m;
        });
    }

    static double[] embedding(DjlRnnAttentionModel model, long id) {
        int d = model.config().embeddingDim();
        double[] table = model.parameter("embedding.weight");
        return Arrays.copyOfRange(table, (int) id * d, (int) (id + 1) * d);
    }

    private static double[][] zeros(DjlRnnAttentionModel model, TokenizedText input) {
        return new double[input.length()][model.config().embeddingDim()];
    }

    /** Softmax by hand, so the oracle does not reuse the model's own. */
    static double[] softmax(double[] z) {
        double max = Arrays.stream(z).max().orElseThrow();
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

    static double maxRelativeError(double[] analytic, double[] numeric) {
        double scale = Arrays.stream(numeric).map(Math::abs).max().orElse(0);
        double worst = 0;
        for (int i = 0; i < analytic.length; i++) {
            double denom = Math.max(Math.abs(numeric[i]), 1e-3 * scale);
            worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]) / denom);
        }
        return worst;
    }

    private static void assertArrayEqualsWithin(float[] a, float[] b, double tolerance) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], tolerance * (1 + Math.abs(a[i])), "entry " + i);
        }
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double[] flatten(float[][] m) {
        double[] out = new double[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                out[i * m[0].length + j] = m[i][j];
            }
        }
        return out;
    }

    private static double[] flatten(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }

    private static double[][] deepCopy(double[][] m) {
        return Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
    }
}
