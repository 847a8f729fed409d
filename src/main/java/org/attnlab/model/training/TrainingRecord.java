package org.attnlab.model.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.attnlab.io.AtomicFiles;
import org.attnlab.io.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * decide whether a model can be reused. A model derived from other models (Wiegreffe &amp; Pinter's diagnostics
 * and adversaries) also records {@code derived_from}: what it was trained against (names, settings and
 * fingerprints of those models), which is hashed with the spec, so that a changed source retrains it.
 */
public final class TrainingRecord {

    public static final String FILE = "training.json";
    public static final String PREDICTIONS = "test-predictions.jsonl";
    /** Field names as Java writes them (camelCase): the spec hash of every trained model depends on it. */
    private static final ObjectMapper JSON = Json.PLAIN;

    private final TrainingSpec spec;
    private final Dataset data;
    private final String specHash;

    private final JsonNode derivedFrom;

    public TrainingRecord(TrainingSpec spec, Dataset data) {
        this(spec, data, null);
    }

    /** @param derivedFrom what the model is trained against besides its spec and data; null = nothing */
    public TrainingRecord(TrainingSpec spec, Dataset data, JsonNode derivedFrom) {
        this.spec = spec;
        this.data = data;
        this.derivedFrom = derivedFrom == null ? null : derivedFrom.deepCopy();
        String specJson = JSON.valueToTree(spec).toString();
        // Without a derivation the hash is the spec's alone, as before derivations existed: trained models stay reusable.
        this.specHash = sha256(derivedFrom == null ? specJson : specJson + "\n" + derivedFrom);
    }

    /** The spec this record describes. */
    public TrainingSpec spec() {
        return spec;
    }

    /** True when {@code dir} holds a finished training of this very spec on this very data. */
    public boolean matches(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        JsonNode old = JSON.readTree(file.toFile());
        return specHash.equals(old.path("spec_sha256").asText())
                && data.provenance().sha256().equals(old.path("dataset").path("sha256").asText());
    }

    public void write(Path dir, TrainingOutcome outcome) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("spec", JSON.valueToTree(spec));
        root.put("spec_sha256", specHash);
        if (derivedFrom != null) {
            root.set("derived_from", derivedFrom.deepCopy());
        }
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
        AtomicFiles.writeJson(dir.resolve(FILE), root, JSON);
    }

    /** {@value #PREDICTIONS}: per test example (dataset order) its id, gold label and the saved model's probabilities. */
    private void writePredictions(Path dir, TrainingOutcome outcome) throws IOException {
        double[][] p = outcome.testProbabilities();
        AtomicFiles.write(dir.resolve(PREDICTIONS), out -> {
            for (int i = 0; i < p.length; i++) {
                ObjectNode line = JSON.createObjectNode();
                line.put("id", data.test().get(i).id());
                line.put("label", data.test().get(i).label());
                line.set("probabilities", JSON.valueToTree(p[i]));
                out.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
