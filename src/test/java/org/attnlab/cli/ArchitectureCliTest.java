package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attnlab.testing.ArchitectureFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code attnlab inspect} on the RoBERTa, DistilBERT and ELECTRA fixture classifiers, and the one-line
 * errors (exit code 2) for checkpoints attnlab cannot read: only {@code pytorch_model.bin}, an unknown
 * {@code architectures} entry or model_type, tensors that do not match the config.
 */
class ArchitectureCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"roberta", "distilbert", "electra"})
    void inspectShowsTokensAttentionAndTheClassifiersLabels(String name) throws Exception {
        JsonNode want = ArchitectureFixtures.expected(name).get("inputs").get(0);
        CliRun run = CliRun.of("inspect", "--model", ArchitectureFixtures.dir(name).toString(), "--text",
                want.get("text").asText(), "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode o = JSON.readTree(run.out());
        assertEquals(want.get("tokens"), o.get("tokens"));
        assertEquals(want.get("ids"), o.get("ids"));
        assertEquals(2, o.get("attentions").size());
        assertEquals(want.get("single").get("attentions").get(1).get(3).get(0).get(1).asDouble(),
                o.get("attentions").get(1).get(3).get(0).get(1).asDouble(), 1e-5);
        assertEquals(name.equals("distilbert") ? 3 : 2, o.get("labels").size());
    }

    @Test
    void aCheckpointWithOnlyPytorchModelBinIsRefusedNamingWhatIsNeeded() throws Exception {
        Path dir = copy("roberta");
        Files.move(dir.resolve("model.safetensors"), dir.resolve("pytorch_model.bin"));
        assertBadInput(inspect(dir), "has only pytorch_model.bin");
        assertBadInput(inspect(dir), "model.safetensors");
    }

    @Test
    void anUnknownArchitecturesEntryIsRefusedListingWhatLoads() throws Exception {
        Path dir = copy("roberta");
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        config.putArray("architectures").add("RobertaForTokenClassification");
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
        CliRun run = inspect(dir);
        assertBadInput(run, "architectures entry \"RobertaForTokenClassification\" is not supported");
        assertTrue(run.err().contains("DistilBertForSequenceClassification"), run.err());
    }

    @Test
    void anUnknownModelTypeIsRefusedListingWhatLoads() throws Exception {
        Path dir = copy("electra");
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        config.put("model_type", "albert").putArray("architectures").add("AlbertForSequenceClassification");
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
        CliRun run = inspect(dir);
        assertBadInput(run, "model_type \"albert\" is not supported");
        assertTrue(run.err().contains("ElectraForSequenceClassification"), run.err());
    }

    @Test
    void weightsOfAnotherArchitectureAreRefusedNamingTheMissingHfTensor() throws Exception {
        Path dir = copy("distilbert");
        Files.copy(ArchitectureFixtures.dir("electra").resolve("model.safetensors"), dir.resolve("model.safetensors"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertBadInput(inspect(dir), "missing tensor distilbert.embeddings.word_embeddings.weight (needed by a DistilBertForSequenceClassification");
    }

    @Test
    void addingAHeadIsRefusedForOtherArchitectures() {
        CliRun run = CliRun.of("head", "--model", ArchitectureFixtures.dir("electra").toString(), "--labels", "a,b",
                "--out", tmp.resolve("out").toString());
        assertBadInput(run, "adding a head is implemented for BERT encoders only, not electra");
        assertTrue(!java.nio.file.Files.exists(tmp.resolve("out")));
    }

    private Path copy(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            Files.copy(ArchitectureFixtures.dir(name).resolve(f), dir.resolve(f));
        }
        return dir;
    }

    private static CliRun inspect(Path dir) {
        return CliRun.of("inspect", "--model", dir.toString(), "--text", "a fine film", "--format", "json");
    }

    private static void assertBadInput(CliRun run, String expected) {
        assertEquals(2, run.exitCode(), "exit code; stderr: " + run.err());
        assertTrue(run.err().contains(expected), "stderr should contain '" + expected + "': " + run.err());
        assertEquals(1, run.err().strip().lines().filter(l -> l.startsWith("attnlab:")).count(), run.err());
        assertEquals("", run.out(), "nothing on stdout after an error");
    }
}
