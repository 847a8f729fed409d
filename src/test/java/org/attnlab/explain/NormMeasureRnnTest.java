package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.TrainingOptions;
import org.attnlab.model.djl.rnn.DjlRnnAttentionModel;
import org.attnlab.model.djl.rnn.RnnAttentionConfig;
import org.attnlab.model.djl.rnn.Vocabulary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Norm-based attention on an RNN attention model, whose output is {@code W (sum_j alpha_j h_j) + b}: the norms
 * the engine reports are those of the encoder states it returns, in plain, batched and edited forwards, and the
 * measure is {@code alpha_j ||h_j||}.
 */
class NormMeasureRnnTest {

    private static final List<String> SENTENCES = List.of("The film was not bad at all.",
            "A good movie with a great cast, though the ending drags.", "I hated every minute of it.");

    private static DjlRnnAttentionModel model;
    private static List<TokenizedText> inputs;

    @BeforeAll
    static void create() {
        RnnAttentionConfig config = new RnnAttentionConfig(RnnAttentionConfig.Encoder.BILSTM,
                RnnAttentionConfig.Attention.ADDITIVE, 6, 4, 3, List.of(1, 3), 40, 1, 1000, 0, List.of("neg", "pos"));
        model = DjlRnnAttentionModel.create(config, Vocabulary.build(SENTENCES, 1, 1000),
                new TrainingOptions(1e-3, 1e-5, 7, "all"), Precision.FLOAT64);
        inputs = new ArrayList<>();
        SENTENCES.forEach(s -> inputs.add(model.tokenize(s, false)));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void reportedNormsAreThoseOfTheEncoderStatesInEveryKindOfForward() {
        List<ForwardResult> batched = model.forward(inputs, ForwardOptions.EVERYTHING);
        for (ForwardResult r : batched) {
            assertArrayEquals(norms(r.lastHiddenState()), widen(r.transformedNorms()[0][0]), 1e-6);
        }
        // Edited forwards share one input's encoder states; each edit set still gets their norms.
        TokenizedText x = inputs.get(1);
        List<AttentionEdit> erase = List.of(new AttentionEdit.ZeroKeys(0, 0, new int[] {1, 2}));
        for (ForwardResult r : model.forwardEdited(x, List.of(List.of(), erase), ForwardOptions.EVERYTHING)) {
            assertArrayEquals(norms(batched.get(1).lastHiddenState()), widen(r.transformedNorms()[0][0]), 1e-6);
        }
        assertEquals(1, batched.get(0).transformedNorms().length);
        assertEquals(inputs.get(0).length(), batched.get(0).transformedNorms()[0][0].length);
    }

    @Test
    void theMeasureIsAttentionTimesTheStateNorm() {
        Instance x = new Instance(model, "1", inputs.get(1), 1);
        ForwardResult r = x.forward();
        double[] norms = norms(r.lastHiddenState());
        double[] expected = new double[norms.length];
        for (int j = 0; j < norms.length; j++) {
            expected[j] = r.attentions()[0][0][0][j] * norms[j];
        }
        double[] scores = new NormMeasure(AttentionView.DEFAULT).explain(x).scores();
        assertArrayEquals(expected, scores, 1e-6);
        assertEquals(0.0, scores[0]);
        assertEquals(0.0, scores[scores.length - 1]);
    }

    private static double[] norms(float[][] states) {
        double[] norms = new double[states.length];
        for (int j = 0; j < states.length; j++) {
            double sum = 0;
            for (float v : states[j]) {
                sum += (double) v * v;
            }
            norms[j] = Math.sqrt(sum);
        }
        return norms;
    }

    private static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
