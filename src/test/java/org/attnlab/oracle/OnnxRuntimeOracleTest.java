package org.attnlab.oracle;

import static org.attnlab.testing.Differences.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionBlock;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.djl.DjlBertModel;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.ModelCatalog;
import org.attnlab.model.hf.onnx.OnnxGraph;
import org.attnlab.model.hf.onnx.OnnxNode;
import org.attnlab.testing.MiniLmOnnx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attnlab's whole path (import, tokenizer, DJL forward) against independent references on real
 * sentences: Microsoft's ONNX Runtime executing the ORIGINAL all-MiniLM-L6-v2 ONNX graph, with each
 * layer's attention Softmax exposed as an extra output, and transformers.js token ids
 * ({@code scripts/reference-tokens.mjs}, a JavaScript tokenizer independent of the Rust one DJL wraps).
 */
class OnnxRuntimeOracleTest {

    private static final String FIXTURE = "oracle/minilm-reference-tokens.json";
    /** float64 against float64, as in E5SmallOracleTest: far below any model difference, far above rounding. */
    private static final double FLOAT64_TOLERANCE = 1e-10;
    private static final double HIDDEN_TOLERANCE = 1e-4;
    private static final double ATTENTION_TOLERANCE = 1e-5;

    @TempDir
    static Path tmp;
    private static Path dir;
    private static BertConfig config;
    private static ClassifierModel model;
    private static MiniLmOnnx ort;
    private static List<String> softmaxOutputs;
    /** Per layer, the output of the Add that applies the value bias: X W_V + b_V, [1, n, hidden]. */
    private static List<String> valueOutputs;
    private static JsonNode sentences;

    @BeforeAll
    static void setUp() throws IOException, OrtException {
        dir = tmp.resolve("minilm");
        config = ModelCatalog.importModel("minilm", dir, false);
        model = DjlBertModel.load(dir);

        softmaxOutputs = MiniLmOnnx.softmaxOutputs(MiniLmOnnx.RESOURCE, config.layers());
        OnnxGraph graph = MiniLmOnnx.graph();
        String[] values = new String[model.info().layers()];
        for (OnnxNode n : graph.nodes()) {
            for (int l = 0; l < values.length; l++) {
                if (n.opType().equals("Add") && n.inputs().contains("encoder.layer." + l + ".attention.self.value.bias")) {
                    values[l] = n.output();
                }
            }
        }
        valueOutputs = List.of(values);
        List<String> extra = new ArrayList<>(softmaxOutputs);
        extra.addAll(valueOutputs);
        ort = MiniLmOnnx.withOutputs(extra);
        sentences = new ObjectMapper().readTree(resource(FIXTURE)).get("sentences");
    }

    @AfterAll
    static void tearDown() throws OrtException {
        if (ort != null) {
            ort.close();
        }
        if (model != null) {
            model.close();
        }
    }

    @Test
    void fixtureCoversShortAndLongSentences() throws IOException {
        List<String> texts = new ArrayList<>();
        sentences.forEach(s -> texts.add(s.get("text").asText()));
        assertEquals(new String(resource("oracle/sentences.txt"), StandardCharsets.UTF_8).lines().toList(), texts,
                "regenerate the fixture with scripts/reference-tokens.mjs after editing sentences.txt");
        int longer = 0;
        for (JsonNode s : sentences) {
            longer += s.get("ids").size() > 32 ? 1 : 0;
        }
        assertTrue(sentences.size() >= 6 && longer >= 2, sentences.size() + " sentences, " + longer + " over 32 tokens");
    }

    @Test
    void tokenIdsMatchTransformersJs() {
        for (JsonNode s : sentences) {
            TokenizedText t = model.tokenize(s.get("text").asText(), false);
            long[] expected = new long[s.get("ids").size()];
            Arrays.setAll(expected, i -> s.get("ids").get(i).asLong());
            List<String> tokens = new ArrayList<>();
            s.get("tokens").forEach(tok -> tokens.add(tok.asText()));
            assertArrayEquals(expected, t.ids(), s.get("text").asText());
            assertEquals(tokens, t.tokens(), s.get("text").asText());
        }
    }

    @Test
    void forwardMatchesOnnxRuntime() throws OrtException {
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), ort.inputNames());
        double worstHidden = 0;
        double worstAttention = 0;
        double worstValues = 0;
        for (JsonNode s : sentences) {
            TokenizedText t = model.tokenize(s.get("text").asText(), false);
            ForwardResult ours = model.forward(t, ForwardOptions.EVERYTHING);
            long[] ids = t.ids();
            List<String> wanted = new ArrayList<>(List.of("last_hidden_state"));
            wanted.addAll(softmaxOutputs);
            wanted.addAll(valueOutputs);
            Map<String, Object> reference = ort.run(ids, wanted);
            float[][] hidden = (float[][]) reference.get("last_hidden_state");
            double h = maxAbsDiff(hidden, ours.lastHiddenState());
            double a = 0;
            double v = 0;
            for (int l = 0; l < softmaxOutputs.size(); l++) {
                float[][][] softmax = (float[][][]) reference.get(softmaxOutputs.get(l));
                for (int head = 0; head < softmax.length; head++) {
                    a = Math.max(a, maxAbsDiff(softmax[head], ours.attentions()[l][head]));
                }
                assertEquals(softmax.length, ours.attentions()[l].length, "heads in layer " + l);
            }
            assertEquals(softmaxOutputs.size(), ours.attentions().length, "layers");
            for (int l = 0; l < valueOutputs.size(); l++) {
                // ORT's [n, hidden] against ours per head [n, headSize]: head h holds columns h*headSize...
                float[][] value = (float[][]) reference.get(valueOutputs.get(l));
                float[][][] perHead = ours.values()[l];
                int headSize = perHead[0][0].length;
                for (int head = 0; head < perHead.length; head++) {
                    for (int i = 0; i < value.length; i++) {
                        for (int k = 0; k < headSize; k++) {
                            v = Math.max(v, Math.abs((double) value[i][head * headSize + k] - perHead[head][i][k]));
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "oracle: %3d tokens  max|diff| hidden %.2e  attention %.2e  values %.2e%n",
                    ids.length, h, a, v);
            worstValues = Math.max(worstValues, v);
            worstHidden = Math.max(worstHidden, h);
            worstAttention = Math.max(worstAttention, a);
        }
        System.out.printf(Locale.ROOT, "oracle: %d sentences, worst max|diff| hidden %.2e (limit %.0e),"
                + " attention %.2e (limit %.0e)%n", sentences.size(), worstHidden, HIDDEN_TOLERANCE, worstAttention,
                ATTENTION_TOLERANCE);
        assertTrue(worstHidden <= HIDDEN_TOLERANCE, "last_hidden_state max |diff| " + worstHidden);
        assertTrue(worstAttention <= ATTENTION_TOLERANCE, "attention max |diff| " + worstAttention);
        // The value vectors feed effective/efficient attention; they are hidden-state-sized quantities.
        assertTrue(worstValues <= HIDDEN_TOLERANCE, "value vectors max |diff| " + worstValues);
    }

    /**
     * attnlab's FLOAT64 forward against ONNX Runtime on the float64 version of the same graph, every layer's
     * input and every head's attention, where float32 rounding no longer hides a difference.
     */
    @Test
    void forwardInFloat64MatchesOnnxRuntimeInFloat64() throws IOException, OrtException {
        List<String> layerInputs = MiniLmOnnx.layerInputs(MiniLmOnnx.RESOURCE, config.layers());
        List<String> wanted = new ArrayList<>(softmaxOutputs);
        wanted.addAll(layerInputs);
        double worstAttention = 0;
        double worstInput = 0;
        try (DjlBertModel float64 = DjlBertModel.load(dir, Precision.FLOAT64);
             MiniLmOnnx ort64 = MiniLmOnnx.float64WithOutputs(MiniLmOnnx.RESOURCE, wanted,
                     MiniLmOnnx.bertLiterals(config))) {
            for (JsonNode s : sentences) {
                TokenizedText t = float64.tokenize(s.get("text").asText(), false);
                List<AttentionBlock> ours = float64.attentionBlocks(t);
                Map<String, Object> reference = ort64.run(t.ids(), wanted);
                assertEquals(config.layers(), ours.size(), "layers");
                for (int l = 0; l < config.layers(); l++) {
                    double[][][] probs = (double[][][]) reference.get(softmaxOutputs.get(l));
                    assertEquals(probs.length, ours.get(l).attention().length, "heads in layer " + l);
                    for (int head = 0; head < probs.length; head++) {
                        worstAttention = Math.max(worstAttention, maxAbsDiff(probs[head], ours.get(l).attention()[head]));
                    }
                    worstInput = Math.max(worstInput, maxAbsDiff((double[][]) reference.get(layerInputs.get(l)),
                            ours.get(l).input()));
                }
            }
        }
        System.out.printf(Locale.ROOT, "oracle float64: %d sentences, worst max|diff| attention %.2e, layer inputs %.2e"
                + " (limit %.0e)%n", sentences.size(), worstAttention, worstInput, FLOAT64_TOLERANCE);
        assertTrue(worstAttention <= FLOAT64_TOLERANCE, "float64 attention max |diff| " + worstAttention);
        assertTrue(worstInput <= FLOAT64_TOLERANCE, "float64 layer input max |diff| " + worstInput);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxRuntimeOracleTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " not on the test classpath");
            }
            return in.readAllBytes();
        }
    }
}
