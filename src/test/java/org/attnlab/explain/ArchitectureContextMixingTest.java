package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionBlock;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.djl.Models;
import org.attnlab.testing.ArchitectureFixtures;
import org.junit.jupiter.api.Test;

/**
 * The per-layer probes on RoBERTa, DistilBERT and ELECTRA (their layer is BERT's; their embeddings differ): the
 * last layer's output with nothing zeroed is PyTorch's last hidden state for the same checkpoint, the attention
 * blocks carry the forward's attention, and the three context-mixing measures give distributions over the tokens.
 */
class ArchitectureContextMixingTest {

    @Test
    void probesAgreeWithPyTorchAndTheForwardOnEveryArchitecture() {
        for (String name : ArchitectureFixtures.NAMES) {
            JsonNode want = ArchitectureFixtures.expected(name).get("inputs").get(0);
            try (ClassifierModel model = Models.load(ArchitectureFixtures.dir(name))) {
                TokenizedText t = model.tokenize(want.get("text").asText(), false);
                int last = model.info().layers() - 1;
                double[][] output = model.zeroedValueOutputs(t, last, List.of(new int[0])).get(0);
                JsonNode hidden = want.get("single").get("last_hidden");
                double worst = 0;
                for (int i = 0; i < output.length; i++) {
                    for (int k = 0; k < output[i].length; k++) {
                        worst = Math.max(worst, Math.abs(hidden.get(i).get(k).asDouble() - output[i][k]));
                    }
                }
                assertTrue(worst <= 1e-4, name + ": last layer output vs PyTorch's last hidden state: " + worst);

                ForwardResult forward = model.forward(t, ForwardOptions.EVERYTHING);
                List<AttentionBlock> blocks = model.attentionBlocks(t);
                assertEquals(model.info().layers(), blocks.size(), name);
                for (int l = 0; l <= last; l++) {
                    for (int h = 0; h < model.info().heads(); h++) {
                        for (int i = 0; i < t.length(); i++) {
                            double[] row = new double[t.length()];
                            for (int j = 0; j < row.length; j++) {
                                row[j] = forward.attentions()[l][h][i][j];
                            }
                            assertArrayEquals(row, blocks.get(l).attention()[h][i], 1e-6, name + " layer " + l);
                        }
                    }
                }
                Instance x = new Instance(model, "x", t, 0);
                for (ImportanceMeasure m : List.of(new AltiMeasure(0), new ValueZeroingMeasure(0, -1),
                        new AttentionFlowMeasure(0))) {
                    double[] s = m.explain(x).scores();
                    assertEquals(1, Arrays.stream(s).sum(), 1e-6, name + " " + m.id());
                    assertTrue(Arrays.stream(s).allMatch(v -> v >= 0 && Double.isFinite(v)), name + " " + m.id());
                }
            }
        }
    }
}
