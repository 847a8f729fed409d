package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attnlab.model.hf.HfModelDirectory;
import org.attnlab.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnlab inspect} on the real MiniLM: the JSON contract, the table, and every bad input. */
class InspectCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void jsonHasTokensIdsAndEveryAttentionMatrixForAnEncoder() throws Exception {
        CliRun run = CliRun.of("inspect", "--model", TestModels.minilm().toString(), "--text", "a fine film",
                "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode o = JSON.readTree(run.out());
        assertEquals("a fine film", o.get("text").asText());
        assertEquals("[\"[CLS]\",\"a\",\"fine\",\"film\",\"[SEP]\"]", o.get("tokens").toString());
        assertEquals("[101,1037,2986,2143,102]", o.get("ids").toString());
        JsonNode att = o.get("attentions");
        assertEquals(6, att.size());
        assertEquals(12, att.get(0).size());
        assertEquals(5, att.get(5).get(11).size());
        double rowSum = 0;
        for (JsonNode v : att.get(3).get(7).get(2)) {
            rowSum += v.asDouble();
        }
        assertEquals(1.0, rowSum, 1e-5);
        assertTrue(o.get("probabilities") == null && o.get("labels") == null && o.get("last_hidden_state") == null);
    }

    @Test
    void severalTextsGiveAnArrayAndAClassifierAddsProbabilitiesLabelsAndHiddenStates() throws Exception {
        CliRun run = CliRun.of("inspect", "--model", TestModels.minilmClassifier().toString(), "--text", "a fine film",
                "--text", "The acting was wooden and the plot made no sense.", "--format", "json", "--hidden");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode all = JSON.readTree(run.out());
        assertEquals(2, all.size());
        JsonNode second = all.get(1);
        assertEquals("[\"neg\",\"pos\"]", second.get("labels").toString());
        assertEquals(1.0, second.get("probabilities").get(0).asDouble() + second.get("probabilities").get(1).asDouble(), 1e-6);
        assertEquals(second.get("tokens").size(), second.get("last_hidden_state").size());
        assertEquals(384, second.get("last_hidden_state").get(0).size());
        assertEquals(second.get("tokens").size(), second.get("attentions").get(0).get(0).size());
    }

    @Test
    void tableShowsPredictionAndTopTokensPerLayer() {
        CliRun run = CliRun.of("inspect", "--model", TestModels.minilmClassifier().toString(), "--text", "a fine film");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("prediction: "), run.out());
        assertTrue(run.out().contains("layer  5:"), run.out());
        assertTrue(run.out().contains("[CLS] a fine film [SEP]"), run.out());
    }

    @Test
    void textsOverTheMaximumLengthFailUnlessTruncated() throws Exception {
        String longText = "word ".repeat(600);
        CliRun failed = CliRun.of("inspect", "--model", TestModels.minilm().toString(), "--text", longText, "--format", "json");
        assertBadInput(failed, "accepts at most 512");
        CliRun truncated = CliRun.of("inspect", "--model", TestModels.minilm().toString(), "--text", longText,
                "--format", "json", "--truncate");
        assertEquals(0, truncated.exitCode(), truncated.err());
        JsonNode tokens = JSON.readTree(truncated.out()).get("tokens");
        assertEquals(512, tokens.size());
        assertEquals("[SEP]", tokens.get(511).asText());
    }

    @Test
    void emptyTextIsRejected() {
        assertBadInput(CliRun.of("inspect", "--model", TestModels.minilm().toString(), "--text", "  "), "empty text");
    }

    @Test
    void unknownModelNameIsRejected() {
        assertBadInput(CliRun.of("inspect", "--model", "gpt-17", "--text", "hi"), "unknown model 'gpt-17'");
    }

    @Test
    void missingWeightsFileIsRejected() throws Exception {
        Path dir = partialCopy("no-weights", false);
        assertBadInput(CliRun.of("inspect", "--model", dir.toString(), "--text", "hi"), "model.safetensors: missing");
    }

    @Test
    void corruptWeightsFileIsRejected() throws Exception {
        Path dir = partialCopy("corrupt", false);
        Files.write(dir.resolve(HfModelDirectory.WEIGHTS), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertBadInput(CliRun.of("inspect", "--model", dir.toString(), "--text", "hi"), "not a readable safetensors");
    }

    @Test
    void configThatDisagreesWithTheWeightsIsRejected() throws Exception {
        Path dir = partialCopy("mismatch", true);
        Path config = dir.resolve(HfModelDirectory.CONFIG);
        Files.writeString(config, Files.readString(config).replace("\"intermediate_size\" : 1536", "\"intermediate_size\" : 1024"));
        assertBadInput(CliRun.of("inspect", "--model", dir.toString(), "--text", "hi"),
                "intermediate.dense.weight has shape (1536, 384) but config.json implies (1024, 384)");
    }

    /** A copy of the MiniLM directory; weights linked (not copied) when wanted. */
    private Path partialCopy(String name, boolean withWeights) throws Exception {
        HfModelDirectory src = new HfModelDirectory(TestModels.minilm());
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(src.config(), dir.resolve(HfModelDirectory.CONFIG));
        Files.copy(src.tokenizer(), dir.resolve(HfModelDirectory.TOKENIZER));
        if (withWeights) {
            Files.createSymbolicLink(dir.resolve(HfModelDirectory.WEIGHTS), src.weights().toAbsolutePath());
        }
        return dir;
    }

    private static void assertBadInput(CliRun run, String expected) {
        assertEquals(2, run.exitCode(), "exit code; stderr: " + run.err());
        assertTrue(run.err().contains(expected), "stderr should contain '" + expected + "': " + run.err());
        assertTrue(run.err().startsWith("attnlab: error: "), run.err());
        assertEquals(1, run.err().strip().lines().filter(l -> l.startsWith("attnlab:")).count(), run.err());
        assertEquals("", run.out(), "nothing on stdout after an error");
    }

    @Test
    void aGpuDeviceOnTheCpuBuildIsOneErrorNotASilentCpuRun() {
        try {
            CliRun run = CliRun.of("inspect", "--model", TestModels.minilm().toString(), "--text", "a fine film",
                    "--device", "gpu");
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains("device 'gpu': PyTorch sees 0 CUDA devices"), run.err());
            assertEquals("", run.out());
            CliRun cpu = CliRun.of("inspect", "--model", TestModels.minilm().toString(), "--text", "a fine film",
                    "--device", "cpu", "--format", "json");
            assertEquals(0, cpu.exitCode(), cpu.err());
        } finally {
            System.clearProperty(org.attnlab.model.djl.ComputeDevice.PROPERTY);
        }
    }
}
