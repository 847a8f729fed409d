package org.attnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.attnlab.config.TrainingSpec;
import org.attnlab.data.Dataset;
import org.attnlab.model.training.TrainingOutcome;

/**
 * {@code training.json}: the spec, its hash, the data's checksum and split sizes, per-epoch dev scores,
 * test scores, how closely the saved model reproduces the trained one, wall time and versions; beside it
 * {@code test-predictions.jsonl}, the saved model's test probabilities. The spec hash and data checksum
 * decide whether a model can be reused.
 */
final class TrainingRecord {

    static final String FILE = "training.json";
    static final String PREDICTIONS = "test-predictions.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainingSpec spec;
    private final Dataset data;
    private final String specHash;

    TrainingRecord(TrainingSpec spec, Dataset data) {
        this.spec = spec;
        this.data = data;
        this.specHash = sha256(JSON.valueToTree(spec).toString());
    }

    /** True when {@code dir} holds a finished training of this very spec on this very data. */
    boolean matches(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        JsonNode old = JSON.readTree(file.toFile());
        return specHash.equals(old.path("spec_sha256").asText())
                && data.provenance().sha256().equals(old.path("dataset").path("sha256").asText());
    }

    void write(Path dir, TrainingOutcome outcome) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("spec", JSON.valueToTree(spec));
        root.put("spec_sha256", specHash);
        root.put("seed", spec.training().seed());
        ObjectNode d = root.putObject("dataset");
        d.put("name", data.name());
        d.put("sha256", data.provenance().sha256());
        d.put("source", data.provenance().source());
        d.put("train", data.train().size());
        d.put("dev", data.dev().size());
        d.put("test", data.test().size());
        d.put("train_examples_used", outcome.trainExamples());
        d.put("train_examples_seen", outcome.examplesSeen());
        root.set("epochs", JSON.valueToTree(outcome.epochs()));
        root.put("best_epoch", outcome.bestEpoch());
        root.set("test", JSON.valueToTree(outcome.test()));
        ObjectNode check = root.putObject("reload_check");
        check.put("split", "dev");
        check.put("n", outcome.epochs().get(outcome.bestEpoch() - 1).dev().n());
        check.put("max_abs_probability_difference", outcome.reloadMaxDifference());
        root.put("wall_seconds", outcome.wallSeconds());
        root.put("stopped_by_time_budget", outcome.stoppedByBudget());
        root.put("finished", Instant.now().toString());
        ObjectNode v = root.putObject("versions");
        v.put("java", System.getProperty("java.version"));
        v.put("djl", ai.djl.engine.Engine.getDjlVersion());
        v.put("engine", ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
        v.put("intra_op_threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        writePredictions(dir, outcome);
        Path tmp = Files.createTempFile(dir, ".training", ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@value #PREDICTIONS}: per test example (dataset order) its id, gold label and the saved model's probabilities. */
    private void writePredictions(Path dir, TrainingOutcome outcome) throws IOException {
        double[][] p = outcome.testProbabilities();
        Path tmp = Files.createTempFile(dir, ".predictions", ".tmp");
        try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (int i = 0; i < p.length; i++) {
                ObjectNode line = JSON.createObjectNode();
                line.put("id", data.test().get(i).id());
                line.put("label", data.test().get(i).label());
                line.set("probabilities", JSON.valueToTree(p[i]));
                w.write(JSON.writeValueAsString(line));
                w.write('\n');
            }
        }
        Files.move(tmp, dir.resolve(PREDICTIONS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
