package org.attnlab.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.attnlab.config.TrainingSpec;
import org.attnlab.data.TokenizedText;
import org.attnlab.io.Json;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.djl.Models;
import org.attnlab.testing.TempHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wiegreffe &amp; Pinter's uniform-attention baseline on the real UCI Yelp slice: alpha is exactly 1/n over the
 * attendable tokens whatever the input, the model still learns, it saves and loads like any RNN model, and edits
 * still reach its alpha; the additive base model's alpha is not uniform (so the check can fail).
 */
class UniformAttentionTest {

    private static final List<String> TEXTS = List.of("Great food.", "The service was slow and the fries were cold.",
            "I would not come back here again, not even for the very friendly staff at the front.");

    @TempDir Path tmp;
    @RegisterExtension final TempHome home = new TempHome();

    @Test
    void uniformSpecReplacesOnlyTheAttention() throws Exception {
        TrainingSpec base = WpSliceSpecs.read(WpSliceSpecs.baseSpec(tmp, "tiny", 1));
        TrainingSpec uniform = WiegreffePinterModels.uniform(base);
        assertEquals("tiny-uniform", uniform.name());
        assertEquals("uniform", uniform.model().attention());
        assertNull(uniform.model().attentionDim(), "attention_dim sizes additive attention only");
        assertEquals(base.training(), uniform.training());
        assertEquals(base.model().hiddenSize(), uniform.model().hiddenSize());
    }

    @Test
    void alphaIsExactlyUniformAndTheModelStillLearns() throws Exception {
        Path specFile = WpSliceSpecs.baseSpec(tmp, "tiny", 3);
        TrainingSpec base = WpSliceSpecs.read(specFile);
        PrintWriter console = new PrintWriter(new StringWriter());
        Path uniformDir = WiegreffePinterModels.ensureTrained(WiegreffePinterModels.uniform(base), specFile, console);
        Path baseDir = SpecTraining.ensureTrained(base, specFile, false, null, console);

        JsonNode record = Json.PLAIN.readTree(uniformDir.resolve(TrainingRecord.FILE).toFile());
        JsonNode epochs = record.path("epochs");
        double firstLoss = epochs.get(0).path("meanLoss").asDouble();
        double lastLoss = epochs.get(epochs.size() - 1).path("meanLoss").asDouble();
        System.out.printf("uniform on the slice: epoch seconds %s; loss %.4f -> %.4f; test accuracy %.3f%n",
                epochs.findValuesAsText("seconds"), firstLoss, lastLoss, record.path("test").path("accuracy").asDouble());
        assertTrue(lastLoss < firstLoss - 0.05, "training loss falls: " + firstLoss + " -> " + lastLoss);
        // 100 balanced test sentences: chance is 0.5.
        assertTrue(record.path("test").path("accuracy").asDouble() > 0.6, "test accuracy above chance: " + record.path("test"));
        assertTrue(record.path("reload_check").path("max_abs_probability_difference").asDouble() < 1e-5,
                "the saved uniform model reloads to the trained one");

        try (ClassifierModel uniform = Models.load(uniformDir); ClassifierModel additive = Models.load(baseDir)) {
            double largestAdditiveDeparture = 0;
            for (String text : TEXTS) {
                TokenizedText input = uniform.tokenize(text, true);
                float[] alpha = uniform.forward(input, ForwardOptions.WITH_ATTENTIONS).attentions()[0][0][0];
                int attendable = 0;
                for (boolean special : input.special()) {
                    attendable += special ? 0 : 1;
                }
                assertEquals(input.length(), alpha.length);
                for (int t = 0; t < alpha.length; t++) {
                    // Exactly 1/n in float32 (the rounding of 1/n itself), 0 at the start/end markers.
                    assertEquals(input.special()[t] ? 0f : (float) (1.0 / attendable), alpha[t], 0f,
                            text + " position " + t);
                }
                float[] learned = additive.forward(additive.tokenize(text, true), ForwardOptions.WITH_ATTENTIONS)
                        .attentions()[0][0][0];
                for (int t = 0; t < learned.length; t++) {
                    largestAdditiveDeparture = Math.max(largestAdditiveDeparture, Math.abs(learned[t] - alpha[t]));
                }
                // An edit replaces the uniform alpha: all weight on the first word changes the output.
                double[] onFirst = new double[input.length()];
                onFirst[1] = 1;
                List<ForwardResult> edited = uniform.forwardEdited(input,
                        List.of(List.of(), List.of(new AttentionEdit.Replace(0, 0, new double[][] {onFirst}))),
                        ForwardOptions.WITH_ATTENTIONS);
                assertEquals(1f, edited.get(1).attentions()[0][0][0][1], 0f);
                assertTrue(Math.abs(edited.get(0).probabilities()[1] - edited.get(1).probabilities()[1]) > 1e-4,
                        "the edited alpha reaches the output");
            }
            assertTrue(largestAdditiveDeparture > 0.01, "the additive model's alpha is not uniform: "
                    + largestAdditiveDeparture);
        }
    }
}
