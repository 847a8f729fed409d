package org.attnlab.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.attnlab.config.TrainingSpec;
import org.attnlab.data.Example;
import org.attnlab.data.TokenizedText;
import org.attnlab.io.Json;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.djl.Models;
import org.attnlab.testing.TempHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wiegreffe &amp; Pinter's model-consistent adversaries of a tiny BiLSTM on the real UCI Yelp slice: the larger
 * lambda, the further the adversary's attention moves from the base's on the test split (mean JSD, computed here in
 * double), while it is saved as an ordinary RNN model with lambda recorded and reused when unchanged.
 */
class ConsistentAdversaryTest {

    /* Measured (one thread, 2 epochs on 300 sentences): mean test JSD 5e-5, 0.006, 0.020. */
    private static final double[] LAMBDAS = {0, 0.5, 5};

    @TempDir Path tmp;
    @RegisterExtension final TempHome home = new TempHome();

    @Test
    void largerLambdaMovesTheAttentionFurtherFromTheBase() throws Exception {
        Path specFile = WpSliceSpecs.baseSpec(tmp, "tiny", 2, 300);
        TrainingSpec base = WpSliceSpecs.read(specFile);
        StringWriter log = new StringWriter();
        PrintWriter console = new PrintWriter(log, true);
        Path baseDir = SpecTraining.ensureTrained(base, specFile, false, null, console);
        List<Example> test = SpecTraining.dataset(base.dataset(), specFile).test();
        double[] jsd = new double[LAMBDAS.length];
        double[] tvd = new double[LAMBDAS.length];
        try (ClassifierModel reference = Models.load(baseDir)) {
            List<TokenizedText> inputs = ModelTrainer.tokenize(reference, test, base.training().maxLength());
            List<ForwardResult> expected = reference.forward(inputs, ForwardOptions.WITH_ATTENTIONS);
            for (int k = 0; k < LAMBDAS.length; k++) {
                Path dir = WiegreffePinterModels.consistentAdversary(base, specFile, baseDir, LAMBDAS[k], console);
                JsonNode record = Json.PLAIN.readTree(dir.resolve(TrainingRecord.FILE).toFile());
                assertEquals(LAMBDAS[k], record.path("derived_from").path("lambda").asDouble());
                assertEquals("train-loss", record.path("spec").path("training").path("selection").asText());
                System.out.printf("adversary lambda %s on the slice: epoch seconds %s%n", LAMBDAS[k],
                        record.path("epochs").findValuesAsText("seconds"));
                try (ClassifierModel adversary = Models.load(dir)) {
                    List<ForwardResult> out = adversary.forward(inputs, ForwardOptions.WITH_ATTENTIONS);
                    for (int i = 0; i < inputs.size(); i++) {
                        jsd[k] += jsd(out.get(i).attentions()[0][0][0], expected.get(i).attentions()[0][0][0]) / inputs.size();
                        tvd[k] += Math.abs(out.get(i).probabilities()[1] - expected.get(i).probabilities()[1]) / inputs.size();
                    }
                }
            }
        }
        System.out.printf("adversaries: lambda %s -> mean test JSD %s, mean TVD %s%n", java.util.Arrays.toString(LAMBDAS),
                java.util.Arrays.toString(jsd), java.util.Arrays.toString(tvd));
        for (int k = 1; k < LAMBDAS.length; k++) {
            assertTrue(jsd[k] > jsd[k - 1], "JSD grows with lambda: " + java.util.Arrays.toString(jsd));
        }
        assertTrue(jsd[LAMBDAS.length - 1] > 0.01, "the largest lambda moves the attention clearly: " + jsd[LAMBDAS.length - 1]);
        assertEquals("tiny-adversary-0.5", Path.of(log.toString().lines()
                .filter(l -> l.startsWith("wrote ") && l.contains("adversary-0.5")).findFirst().orElseThrow().substring(6))
                .getFileName().toString());
        log.getBuffer().setLength(0);
        WiegreffePinterModels.consistentAdversary(base, specFile, baseDir, 0.5, console);
        assertTrue(log.toString().contains("reusing"), log.toString());
        assertThrows(IllegalArgumentException.class,
                () -> WiegreffePinterModels.consistentAdversary(base, specFile, baseDir, -1, console));
    }

    /** Jensen-Shannon divergence (natural log) of two attention rows, in double. */
    private static double jsd(float[] p, float[] q) {
        double out = 0;
        for (int t = 0; t < p.length; t++) {
            double m = (p[t] + q[t]) / 2.0;
            out += p[t] > 0 ? 0.5 * p[t] * Math.log(p[t] / m) : 0;
            out += q[t] > 0 ? 0.5 * q[t] * Math.log(q[t] / m) : 0;
        }
        return out;
    }
}
