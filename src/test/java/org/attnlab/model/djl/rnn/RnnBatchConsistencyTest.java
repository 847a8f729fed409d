package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Attention;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Encoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A padded batch gives each input what it gets alone: probabilities, attention and hidden states. This
 * is where padding leaking into the backward RNN direction or into a convolution window shows up.
 * The {@code <pad>} embedding is made non-zero first, so a leak cannot hide behind zero padding.
 */
class RnnBatchConsistencyTest {

    static List<Object[]> variants() {
        return TinyRnnModels.variants();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("variants")
    void paddedBatchEqualsOneByOne(Encoder encoder, Attention attention) {
        for (Precision precision : Precision.values()) {
            try (DjlRnnAttentionModel model = TinyRnnModels.create(encoder, attention, precision, 9)) {
                // Padding must not matter whatever its embedding: give <pad> a non-zero row (training can).
                double[] table = model.parameter("embedding.weight");
                for (int k = 0; k < model.config().embeddingDim(); k++) {
                    table[k] = 0.5 + k;
                }
                model.setParameter("embedding.weight", table);
                List<TokenizedText> inputs = TinyRnnModels.SENTENCES.stream().map(s -> model.tokenize(s, false)).toList();
                List<ForwardResult> batched = model.forward(inputs, ForwardOptions.EVERYTHING);
                double probs = 0;
                double alpha = 0;
                double hidden = 0;
                for (int i = 0; i < inputs.size(); i++) {
                    ForwardResult alone = model.forward(inputs.get(i), ForwardOptions.EVERYTHING);
                    ForwardResult inBatch = batched.get(i);
                    for (int c = 0; c < alone.probabilities().length; c++) {
                        probs = Math.max(probs, Math.abs(alone.probabilities()[c] - inBatch.probabilities()[c]));
                    }
                    float[] a = alone.attentions()[0][0][0];
                    float[] b = inBatch.attentions()[0][0][0];
                    assertTrue(a.length == inputs.get(i).length() && b.length == a.length, "attention has one entry per token");
                    for (int t = 0; t < a.length; t++) {
                        alpha = Math.max(alpha, Math.abs(a[t] - b[t]));
                        for (int k = 0; k < alone.lastHiddenState()[t].length; k++) {
                            hidden = Math.max(hidden, Math.abs(alone.lastHiddenState()[t][k] - inBatch.lastHiddenState()[t][k]));
                        }
                    }
                }
                System.out.printf("%s/%s %s batch vs single: max |dp| %.2e, |dalpha| %.2e, |dh| %.2e%n", encoder.key,
                        attention.key, precision, probs, alpha, hidden);
                assertTrue(probs <= 1e-6 && alpha <= 1e-6 && hidden <= 1e-6,
                        "batch differs: probs " + probs + " alpha " + alpha + " hidden " + hidden);
            }
        }
    }
}
