package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.TrainingOptions;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Attention;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Encoder;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jain &amp; Wallace's training recipe: no weight decay on the attention, balanced pos_weight, the summed
 * weighted BCE of a one-unit sigmoid head; checked against hand-computed values.
 */
class JainWallaceRecipeTest {

    @TempDir
    Path tmp;

    private static final List<String> TEXTS = List.of("a good film", "a bad film", "good good fun", "bad and dull",
            "not bad at all", "dull");

    @Test
    void balancedPositiveWeightIsNegativesOverPositives() {
        assertEquals(3.0, RnnTrainingRecipe.balancedPositiveWeight(new int[] {0, 0, 1, 0}), 0);
        assertEquals(0.5, RnnTrainingRecipe.balancedPositiveWeight(new int[] {1, 0, 1}), 0);
        assertThrows(IllegalArgumentException.class, () -> RnnTrainingRecipe.balancedPositiveWeight(new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> RnnTrainingRecipe.balancedPositiveWeight(new int[] {0, 2}));
    }

    /**
     * With zero loss gradients, one AMSGrad step moves a parameter only through its weight decay, by
     * lr * g / (|g| + 1e-8), about lr * sign(w) (hand-computed first step: m = 0.1 g, vmax = 0.001 g^2). The
     * attention parameters must not move at all; this fails if they get the decay.
     */
    @Test
    void attentionParametersGetNoWeightDecay() {
        double lr = 0.01;
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (String name : List.of("embedding.weight", "encoder.projection.weight", "attention.proj.weight",
                    "attention.proj.bias", "attention.v.weight", "output.weight")) {
                NDArray p = m.create(new double[] {0.5, -2.0});
                p.setRequiresGradient(true); // allocates a zero gradient
                params.put(name, p);
            }
            RnnTrainingRecipe recipe = new RnnTrainingRecipe(0.0, null, true);
            new AmsGradAdam(new TrainingOptions(lr, 0.1, 0, "all"), recipe, params, m).update(params);
            for (Map.Entry<String, NDArray> p : params.entrySet()) {
                double[] w = p.getValue().toType(DataType.FLOAT64, false).toDoubleArray();
                if (p.getKey().startsWith("attention.")) {
                    assertArrayEquals(new double[] {0.5, -2.0}, w, 0, p.getKey() + " must not decay");
                } else {
                    // g = 0.1 w; step = lr / (1 - 0.9) * 0.1 g / (|g| sqrt(0.001) / sqrt(0.001) + 1e-8)
                    double[] expected = new double[2];
                    double[] start = {0.5, -2.0};
                    for (int k = 0; k < 2; k++) {
                        double g = 0.1 * start[k];
                        expected[k] = start[k] - lr * g / (Math.abs(g) + 1e-8);
                    }
                    assertArrayEquals(expected, w, 1e-12, p.getKey() + " decays");
                }
            }
        }
    }

    /** The step's loss is sum_i w(y_i) BCE(z_i, y_i), with BCE = -log p(y_i) from the forward before the step. */
    @Test
    void theSigmoidHeadTrainsOnSummedBceWithPosWeight() throws Exception {
        RnnAttentionConfig config = new RnnAttentionConfig(Encoder.BILSTM, Attention.ADDITIVE, 8, 4, 4, List.of(), 40, 1,
                1000, 0, List.of("negative", "positive"), Output.SIGMOID);
        Vocabulary vocabulary = Vocabulary.build(TEXTS, 1, 1000, Vocabulary.Words.KERAS, true);
        int[] labels = {1, 0, 1, 0, 0, 0};
        double posWeight = RnnTrainingRecipe.balancedPositiveWeight(labels);
        assertEquals(2.0, posWeight, 0);
        RnnTrainingRecipe recipe = RnnTrainingRecipe.jainWallace(labels);
        try (DjlRnnAttentionModel model = DjlRnnAttentionModel.create(config, vocabulary, new TrainingOptions(1e-3, 1e-5, 3, "all"),
                recipe, Precision.FLOAT64, EmbeddingStart.random())) {
            assertEquals(8, model.parameter("output.weight").length, "one output unit of 2 x 4 inputs");
            List<TokenizedText> inputs = TEXTS.stream().map(t -> model.tokenize(t, false)).toList();
            List<ForwardResult> before = model.forward(inputs, ForwardOptions.OUTPUT_ONLY);
            double expected = 0;
            for (int i = 0; i < labels.length; i++) {
                double[] p = before.get(i).probabilities();
                assertEquals(1.0, p[0] + p[1], 1e-12);
                expected -= (labels[i] == 1 ? posWeight : 1) * Math.log(p[labels[i]]);
            }
            assertEquals(expected, model.trainStep(inputs, labels), 1e-10);
            model.save(tmp.resolve("m"));
            List<ForwardResult> after = model.forward(inputs, ForwardOptions.OUTPUT_ONLY);
            assertNotEquals(before.get(0).probabilities()[1], after.get(0).probabilities()[1]);
            try (DjlRnnAttentionModel loaded = DjlRnnAttentionModel.load(tmp.resolve("m"), Precision.FLOAT64)) {
                assertEquals(Output.SIGMOID, loaded.config().output());
                assertEquals(Vocabulary.Words.KERAS, loaded.vocabulary().tokenizer());
                assertArrayEquals(after.get(2).probabilities(),
                        loaded.forward(inputs.get(2), ForwardOptions.OUTPUT_ONLY).probabilities(), 1e-12);
            }
        }
    }
}
