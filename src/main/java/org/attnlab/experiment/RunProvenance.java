package org.attnlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.attnlab.config.Defaults;
import org.attnlab.data.Checksums;
import org.attnlab.data.Dataset;
import org.attnlab.explain.AttentionView;
import org.attnlab.io.AtomicFiles;
import org.attnlab.io.Json;

/**
 * {@code provenance.json}: the suite as written and as resolved (every default filled in, the attention
 * view resolved per model), each model's files and their hashes, its training's test scores, the
 * datasets' checksums, the engine that computed this invocation's records, versions, machine and wall times.
 * Rewritten at the end of every invocation.
 */
final class RunProvenance {

    private RunProvenance() {
    }

    static void write(PreparedSuite run, SuiteEngine engine, Map<String, Double> seconds, double wallSeconds) throws IOException {
        SuitePlan plan = run.plan();
        Path runDir = run.runDir();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("suite", plan.spec().name());
        root.put("run_id", run.runId());
        root.put("suite_file", plan.suiteFile().toString());
        root.put("suite_sha256", Checksums.sha256(plan.suiteFile()));
        root.put("suite_text", Files.readString(plan.suiteFile()));
        root.put("seed", plan.spec().seed());
        root.set("resolved", Json.MAPPER.valueToTree(PreparedSuite.resolved(plan)));
        // Where this invocation computed its records (they are the same whichever engine made them).
        ObjectNode e = root.putObject("engine");
        e.put("name", engine == null ? "local" : engine.name());
        e.put("device", System.getProperty(org.attnlab.model.djl.ComputeDevice.PROPERTY, "cpu"));
        if (engine != null) {
            engine.settings().forEach(e::put);
        }
        ObjectNode models = root.putObject("models");
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        for (PreparedSuite.CheckedModel c : run.models()) {
            ObjectNode m = models.putObject(c.plan().name());
            m.put("directory", c.dir().toAbsolutePath().toString());
            m.put("dataset", c.dataset().name());
            m.put("max_length", c.plan().maxLength());
            m.set("labels", Json.MAPPER.valueToTree(c.info().labels()));
            AttentionView v = plan.view();
            ObjectNode view = m.putObject("attention_view");
            view.put("layer", v.resolveLayer(c.info().layers()));
            view.put("head", v.head() < 0 ? "mean of " + c.info().heads() : Integer.toString(v.head()));
            view.put("row", v.row() < 0 ? "mean" : Integer.toString(v.row()));
            m.put("fingerprint_sha256", c.fingerprint().sha256());
            m.set("files_sha256", Json.MAPPER.valueToTree(new java.util.TreeMap<>(c.fingerprint().files())));
            Path training = c.dir().resolve("training.json");
            if (Files.isRegularFile(training)) {
                JsonNode t = Json.PLAIN.readTree(training.toFile());
                m.set("test", t.path("test"));
                m.put("spec_sha256", t.path("spec_sha256").asText());
            }
            if (!c.companions().isEmpty()) {
                ObjectNode companions = m.putObject("companions");
                for (CompanionModels.Prepared p : c.companions()) {
                    ObjectNode o = companions.putObject(p.companion().role());
                    o.put("derived_as", p.companion().toString());
                    o.put("directory", p.dir().toAbsolutePath().toString());
                    o.put("fingerprint_sha256", p.fingerprint().sha256());
                    Path t = p.dir().resolve("training.json");
                    if (Files.isRegularFile(t)) {
                        JsonNode tj = Json.PLAIN.readTree(t.toFile());
                        o.set("test", tj.path("test"));
                        o.put("spec_sha256", tj.path("spec_sha256").asText());
                    }
                }
            }
            datasets.putIfAbsent(c.dataset().name(), c.dataset());
        }
        ObjectNode data = root.putObject("datasets");
        for (Dataset d : datasets.values()) {
            ObjectNode o = data.putObject(d.name());
            o.put("sha256", d.provenance().sha256());
            o.put("source", d.provenance().source());
            o.put("train", d.train().size());
            o.put("dev", d.dev().size());
            o.put("test", d.test().size());
        }
        ObjectNode v = root.putObject("versions");
        v.put("java", System.getProperty("java.version"));
        v.put("djl", ai.djl.engine.Engine.getDjlVersion());
        v.put("pytorch", ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
        v.put("git_commit", gitCommit());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("intra_op_threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        ObjectNode timings = root.putObject("timings");
        timings.put("this_invocation_seconds", wallSeconds);
        seconds.forEach(timings::put);
        root.put("finished", Instant.now().toString());
        AtomicFiles.writeJson(runDir.resolve("provenance.json"), root);
    }

    /** The checkout's commit, or "unknown" outside a git checkout. */
    private static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Defaults.home().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
