package org.attnlab.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.testing.ArchitectureFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RoBERTa, DistilBERT and ELECTRA against an independent reference: the architectures written in plain
 * PyTorch from the Hugging Face definitions by {@code scripts/make-architecture-fixtures.py}, which also
 * wrote the checkpoints (HF tensor names, HF config.json, tokenizer.json). Compared: the token ids the HF
 * tokenizers library produces from each fixture's tokenizer.json, logits, every attention matrix and
 * the last hidden state, for single inputs and for one right-padded batch.
 */
class ArchitectureReferenceTest {

    private static final double ATTENTION_TOLERANCE = 1e-5;
    private static final double HIDDEN_TOLERANCE = 1e-4;
    private static final double LOGIT_TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"roberta", "distilbert", "electra"})
    void matchesThePyTorchReference(String name) {
        JsonNode expected = ArchitectureFixtures.expected(name);
        try (DjlBertModel model = DjlBertModel.load(ArchitectureFixtures.dir(name))) {
            assertEquals(name, model.info().architecture());
            List<TokenizedText> inputs = new ArrayList<>();
            for (JsonNode in : expected.get("inputs")) {
                TokenizedText t = model.tokenize(in.get("text").asText(), false);
                assertArrayEquals(longs(in.get("ids")), t.ids(), name + " token ids of \"" + in.get("text").asText() + "\"");
                assertEquals(in.get("tokens").get(0).asText(), t.tokens().get(0));
                assertTrue(t.special()[0] && t.special()[t.length() - 1], "first and last are special tokens");
                inputs.add(t);
            }
            ForwardOptions all = new ForwardOptions(true, true);
            List<ForwardResult> batch = model.forward(inputs, all);
            double[] worst = new double[3];
            for (int i = 0; i < inputs.size(); i++) {
                JsonNode in = expected.get("inputs").get(i);
                ForwardResult single = model.forward(List.of(inputs.get(i)), all).get(0);
                compare(name + " single " + i, in.get("single"), single, worst);
                compare(name + " batch " + i, in.get("batch"), batch.get(i), worst);
            }
            System.out.printf("%s vs PyTorch: max |diff| attention %.2e, last hidden %.2e, logits %.2e%n",
                    name, worst[0], worst[1], worst[2]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"roberta", "distilbert", "electra"})
    void batchedEqualsUnbatched(String name) {
        try (DjlBertModel model = DjlBertModel.load(ArchitectureFixtures.dir(name))) {
            List<TokenizedText> inputs = new ArrayList<>();
            for (JsonNode in : ArchitectureFixtures.expected(name).get("inputs")) {
                inputs.add(model.tokenize(in.get("text").asText(), false));
            }
            ForwardOptions all = new ForwardOptions(true, true);
            List<ForwardResult> batch = model.forward(inputs, all);
            for (int i = 0; i < inputs.size(); i++) {
                ForwardResult one = model.forward(List.of(inputs.get(i)), all).get(0);
                assertArrayEquals(one.logits(), batch.get(i).logits(), 1e-4, name + " logits " + i);
                assertTrue(maxDiff(one.attentions(), batch.get(i).attentions()) <= 1e-5, name + " attention " + i);
                assertTrue(maxDiff(one.lastHiddenState(), batch.get(i).lastHiddenState()) <= 1e-4, name + " hidden " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"roberta", "distilbert", "electra"})
    void theBareEncoderLoadsFromTheSameCheckpoint(String name, @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        // An encoder config (architectures XModel, no id2label) over the task model's tensors: the head is ignored.
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(tmp.resolve(name));
        for (String f : new String[] {"model.safetensors", "tokenizer.json"}) {
            java.nio.file.Files.copy(ArchitectureFixtures.dir(name).resolve(f), dir.resolve(f));
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(ArchitectureFixtures.dir(name).resolve("config.json").toFile());
        String classifier = config.get("architectures").get(0).asText();
        config.putArray("architectures").add(classifier.replace("ForSequenceClassification", "Model"));
        config.remove(List.of("id2label", "label2id"));
        json.writeValue(dir.resolve("config.json").toFile(), config);
        JsonNode want = ArchitectureFixtures.expected(name).get("inputs").get(2).get("single");
        try (DjlBertModel encoder = DjlBertModel.load(dir)) {
            assertTrue(!encoder.info().isClassifier());
            TokenizedText t = encoder.tokenize(ArchitectureFixtures.expected(name).get("inputs").get(2).get("text").asText(), false);
            ForwardResult r = encoder.forward(List.of(t), new ForwardOptions(true, true)).get(0);
            double dh = 0;
            for (int i = 0; i < r.lastHiddenState().length; i++) {
                for (int k = 0; k < r.lastHiddenState()[i].length; k++) {
                    dh = Math.max(dh, Math.abs(want.get("last_hidden").get(i).get(k).asDouble() - r.lastHiddenState()[i][k]));
                }
            }
            assertTrue(dh <= HIDDEN_TOLERANCE, name + " encoder: last hidden state differs by " + dh);
            assertEquals(null, r.logits());
        }
    }

    private static void compare(String what, JsonNode want, ForwardResult got, double[] worst) {
        JsonNode att = want.get("attentions");
        float[][][][] a = got.attentions();
        assertEquals(att.size(), a.length, what + " layers");
        double da = 0;
        for (int l = 0; l < a.length; l++) {
            assertEquals(att.get(l).size(), a[l].length, what + " heads");
            for (int h = 0; h < a[l].length; h++) {
                assertEquals(att.get(l).get(h).size(), a[l][h].length, what + " tokens");
                for (int i = 0; i < a[l][h].length; i++) {
                    for (int j = 0; j < a[l][h][i].length; j++) {
                        da = Math.max(da, Math.abs(att.get(l).get(h).get(i).get(j).asDouble() - a[l][h][i][j]));
                    }
                }
            }
        }
        double dh = 0;
        float[][] hidden = got.lastHiddenState();
        for (int t = 0; t < hidden.length; t++) {
            assertEquals(want.get("last_hidden").get(t).size(), hidden[t].length, what + " hidden size");
            for (int k = 0; k < hidden[t].length; k++) {
                dh = Math.max(dh, Math.abs(want.get("last_hidden").get(t).get(k).asDouble() - hidden[t][k]));
            }
        }
        double dl = 0;
        for (int c = 0; c < got.logits().length; c++) {
            dl = Math.max(dl, Math.abs(want.get("logits").get(c).asDouble() - got.logits()[c]));
        }
        assertEquals(want.get("logits").size(), got.logits().length, what + " classes");
        assertTrue(da <= ATTENTION_TOLERANCE, what + ": attention differs by " + da);
        assertTrue(dh <= HIDDEN_TOLERANCE, what + ": last hidden state differs by " + dh);
        assertTrue(dl <= LOGIT_TOLERANCE, what + ": logits differ by " + dl);
        worst[0] = Math.max(worst[0], da);
        worst[1] = Math.max(worst[1], dh);
        worst[2] = Math.max(worst[2], dl);
    }

    private static long[] longs(JsonNode array) {
        long[] v = new long[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asLong();
        }
        return v;
    }

    private static double maxDiff(float[][][][] a, float[][][][] b) {
        double m = 0;
        for (int l = 0; l < a.length; l++) {
            m = Math.max(m, maxDiff(a[l], b[l]));
        }
        return m;
    }

    private static double maxDiff(float[][][] a, float[][][] b) {
        double m = 0;
        for (int h = 0; h < a.length; h++) {
            m = Math.max(m, maxDiff(a[h], b[h]));
        }
        return m;
    }

    private static double maxDiff(float[][] a, float[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }
}
