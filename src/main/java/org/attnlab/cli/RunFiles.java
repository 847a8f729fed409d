package org.attnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.attnlab.config.SuiteSpec;
import org.attnlab.data.Checksums;
import org.attnlab.data.Dataset;
import org.attnlab.experiment.Experiment;
import org.attnlab.experiment.SuiteRunner;
import org.attnlab.report.SuiteSummary;

/** The files beside a run's records: {@code provenance.json} and {@code summary.json}, written atomically. */
final class RunFiles {

    private static final ObjectMapper JSON = SuiteRunner.JSON;

    private RunFiles() {
    }

    static void writeProvenance(Path runDir, Path suiteFile, SuiteSpec suite, List<Path> modelDirs,
                                Map<String, String> weights, Map<String, Dataset> datasets, Map<String, Double> seconds,
                                double wallSeconds) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("suite", suite.name());
        root.put("run_id", runDir.getFileName().toString());
        root.put("suite_file", suiteFile.toString());
        root.put("suite_sha256", Checksums.sha256(suiteFile));
        root.put("suite_text", Files.readString(suiteFile));
        root.put("seed", suite.seed());
        ObjectNode models = root.putObject("models");
        int i = 0;
        for (Map.Entry<String, String> w : weights.entrySet()) {
            Path dir = modelDirs.get(i++);
            ObjectNode m = models.putObject(w.getKey());
            m.put("directory", dir.toAbsolutePath().toString());
            m.put("weights_sha256", w.getValue());
            Path training = dir.resolve("training.json");
            if (Files.isRegularFile(training)) {
                JsonNode t = JSON.readTree(training.toFile());
                m.set("test", t.path("test"));
                m.put("spec_sha256", t.path("spec_sha256").asText());
            }
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
        write(runDir.resolve("provenance.json"), root);
    }

    static void writeSummary(Path runDir, List<Experiment> experiments, PrintWriter console) throws IOException {
        SuiteSummary summary = SuiteSummary.of(runDir, experiments.stream().map(Experiment::id).toList());
        write(runDir.resolve("summary.json"), summary.json());
        summary.headline().forEach(console::println);
        console.flush();
    }

    static void write(Path file, JsonNode node) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), node);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The checkout's commit, or "unknown" outside a git checkout. */
    private static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(org.attnlab.config.Defaults.home().toFile())
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
