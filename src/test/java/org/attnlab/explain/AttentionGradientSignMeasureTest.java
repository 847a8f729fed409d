package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.djl.FiniteDifferences;
import org.attnlab.model.djl.rnn.DjlRnnAttentionModel;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Attention;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Encoder;
import org.attnlab.model.djl.rnn.TinyRnnModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code attention-x-gradient-sign} on the RNN attention models, float64: each real token's score is its attention
 * weight with the sign of dp/dalpha, the sign taken from central finite differences of the predicted class's
 * probability in the attention weight (the model's own gradient is not consulted).
 */
class AttentionGradientSignMeasureTest {

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("org.attnlab.model.djl.rnn.TinyRnnModels#variants")
    void scoreIsTheAttentionWeightSignedByTheFiniteDifferenceOfThePredictedProbability(Encoder encoder, Attention attention) {
        try (DjlRnnAttentionModel model = TinyRnnModels.create(encoder, attention, Precision.FLOAT64, 1)) {
            Instance x = new Instance(model, "1", model.tokenize(TinyRnnModels.SENTENCES.get(1), false), 0);
            int predicted = x.predicted();
            int n = x.input().length();
            List<List<AttentionEdit>> nudges = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                nudges.add(List.of(FiniteDifferences.nudge(0, 0, 0, j, FiniteDifferences.STEP)));
                nudges.add(List.of(FiniteDifferences.nudge(0, 0, 0, j, -FiniteDifferences.STEP)));
            }
            List<ForwardResult> out = model.forwardEdited(x.input(), nudges, ForwardOptions.OUTPUT_ONLY);
            float[] alpha = x.forward().attentions()[0][0][0];
            double[] scores = Measures.byId("attention-x-gradient-sign", Measures.Settings.DEFAULT).explain(x).scores();
            int positive = 0;
            int negative = 0;
            for (int j = 0; j < n; j++) {
                if (x.input().special()[j]) {
                    assertEquals(0.0, scores[j], 0.0);
                    continue;
                }
                double fd = (out.get(2 * j).probabilities()[predicted] - out.get(2 * j + 1).probabilities()[predicted])
                        / (2 * FiniteDifferences.STEP);
                assertTrue(Math.abs(fd) > 1e-7, "dp/dalpha_" + j + " = " + fd + " is too close to 0 to have a sign");
                positive += fd > 0 ? 1 : 0;
                negative += fd < 0 ? 1 : 0;
                assertEquals(fd > 0 ? alpha[j] : -alpha[j], scores[j], 0.0, "token " + j);
            }
            System.out.printf("%s/%s: dp/dalpha > 0 on %d real tokens, < 0 on %d%n", encoder.key, attention.key, positive,
                    negative);
            assertTrue(positive > 0 && negative > 0, "the sign must matter: " + positive + " positive, " + negative + " negative");
        }
    }
}
