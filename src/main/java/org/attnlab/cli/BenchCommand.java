package org.attnlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attnlab.config.Defaults;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ModelBenchmark;
import org.attnlab.model.ModelBenchmark.Timing;
import org.attnlab.io.AtomicFiles;
import org.attnlab.io.Json;
import org.attnlab.bench.AdversarialBench;
import org.attnlab.bench.DecisionFlipBench;
import org.attnlab.bench.EditBench;
import org.attnlab.bench.FaithfulnessBench;
import org.attnlab.bench.JainWallaceBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code attnlab bench}: forward latency by batch and length, and batched attention edits against
 * one forward per edit, written as a JSON report.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure forward latency and batched attention edits; writes a JSON report.")
final class BenchCommand implements Callable<Integer> {

    /** Benchmark input (the opening of Austen's Pride and Prejudice, public domain), cut to each length. */
    private static final String PASSAGE = "It is a truth universally acknowledged, that a single man in possession "
            + "of a good fortune, must be in want of a wife. However little known the feelings or views of such a man "
            + "may be on his first entering a neighbourhood, this truth is so well fixed in the minds of the surrounding "
            + "families, that he is considered the rightful property of some one or other of their daughters. My dear "
            + "Mr. Bennet, said his lady to him one day, have you heard that Netherfield Park is let at last? Mr. Bennet "
            + "replied that he had not. But it is, returned she; for Mrs. Long has just been here, and she told me all "
            + "about it. Mr. Bennet made no answer. Do you not want to know who has taken it? cried his wife impatiently. "
            + "You want to tell me, and I have no objection to hearing it. This was invitation enough.";

    @Mixin ModelOption modelOption = new ModelOption();

    @Option(names = "--batches", split = ",", defaultValue = "1,32", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--lengths", split = ",", defaultValue = "32,128", description = "Sequence lengths in tokens (default: ${DEFAULT-VALUE}).")
    List<Integer> lengths;

    @Option(names = "--edits", defaultValue = "100", description = "N attention edit sets for batched vs one-by-one (default: ${DEFAULT-VALUE}).")
    int edits;

    @Option(names = "--faithfulness-orders", defaultValue = "10", description = "Random rankings whose ERASER deletions "
            + "(top-k removed and kept, k = 1, 5, 10, 20, 50 %%) run batched vs one forward each (default: ${DEFAULT-VALUE}).")
    int faithfulnessOrders;

    @Option(names = "--jw-data", description = "Also time Jain & Wallace's full set (gradient + LOO + 100 permutations) "
            + "per instance of this dataset's test split, batched vs one forward at a time (needs a classifier).")
    String jwData;

    @Option(names = "--jw-instances", defaultValue = "5") int jwInstances;

    @Option(names = "--jw-max-length", defaultValue = "256") int jwMaxLength;

    @Option(names = "--jw-one-by-one", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also time the J&W set one forward at a time (slow; --no-jw-one-by-one skips it).")
    boolean jwOneByOne;

    @Option(names = "--flip-data", description = "Also time Serrano & Smith's decision-flip (serrano-smith-imdb.yaml's "
            + "orderings, last-layer erasure) per instance of this dataset's test split, with forwardEdited's shortcuts "
            + "off and on (needs a transformer classifier).")
    String flipData;

    @Option(names = "--flip-instances", defaultValue = "3") int flipInstances;

    @Option(names = "--flip-max-length", defaultValue = "256") int flipMaxLength;

    @Option(names = "--adversarial-steps", defaultValue = "0", description = "Also time Jain & Wallace's adversarial "
            + "search (K = 5, this many Adam steps, re-runs included) per instance on the passage at the last --lengths; "
            + "0 skips it (default: ${DEFAULT-VALUE}; the suite's default is 500).")
    int adversarialSteps;

    @Option(names = "--skip-basic", description = "Skip the forward-latency and permutation cases (run only --jw-data / --flip-data).")
    boolean skipBasic;

    @Option(names = "--repeats", defaultValue = "10") int repeats;

    @Option(names = "--warmup", defaultValue = "3") int warmup;

    @Option(names = "--out", description = "Report file (default: results/bench/bench-<time>.json).")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        List<Timing> timings = new ArrayList<>();
        try (ClassifierModel model = modelOption.open()) {
            ModelBenchmark bench = new ModelBenchmark(model, warmup, repeats);
            TokenizedText passage = model.tokenize(PASSAGE, true);
            for (int length : skipBasic ? List.<Integer>of() : lengths) {
                TokenizedText input = cut(passage, length);
                for (int batch : batches) {
                    timings.add(report(console, bench.forward(input, batch)));
                }
            }
            TokenizedText input = cut(passage, lengths.get(lengths.size() - 1));
            if (!skipBasic) {
                EditBench.run(bench, input, model.info().layers(), edits).forEach(t -> timings.add(report(console, t)));
            }
            timings.addAll(FaithfulnessBench.run(bench, model, input, faithfulnessOrders, console));
            timings.addAll(AdversarialBench.run(model, input, adversarialSteps, Math.min(repeats, 3), console));
            if (jwData != null) {
                timings.addAll(JainWallaceBench.run(model, jwData, jwInstances, jwMaxLength, jwOneByOne, console));
            }
            if (flipData != null) {
                timings.addAll(DecisionFlipBench.run(model, flipData, flipInstances, flipMaxLength, console));
            }
            write(model, timings);
        }
        return 0;
    }

    private static Timing report(PrintWriter console, Timing t) {
        console.printf(Locale.ROOT, "%-32s batch %4d  seq %4d  median %9.2f ms  %9.1f items/s%n", t.name(), t.batch(),
                t.sequenceLength(), t.medianMillis(), t.itemsPerSecond());
        console.flush();
        return t;
    }

    private static TokenizedText cut(TokenizedText t, int length) {
        if (length < 2 || length > t.length()) {
            throw new IllegalArgumentException("--lengths: " + length + " must be between 2 and " + t.length());
        }
        return t.truncated(length);
    }

    private void write(ClassifierModel model, List<Timing> timings) throws IOException {
        ObjectMapper mapper = Json.PLAIN;
        ObjectNode root = mapper.createObjectNode();
        root.put("model", model.info().name());
        root.put("time", Instant.now().toString());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("java", System.getProperty("java.version"));
        root.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        ArrayNode cases = root.putArray("timings");
        timings.forEach(t -> cases.add(mapper.valueToTree(t)));
        // Each X-batched / X-one-by-one pair: how many times faster the batched call is (median wall times).
        ObjectNode ratios = root.putObject("batched_speedup");
        for (Timing batched : timings) {
            if (batched.name().endsWith("-batched")) {
                String base = batched.name().substring(0, batched.name().length() - "-batched".length());
                timings.stream().filter(t -> t.name().equals(base + "-one-by-one")).findFirst()
                        .ifPresent(t -> ratios.put(base, t.medianMillis() / batched.medianMillis()));
            }
        }
        Path file = out != null ? out
                : Defaults.resultsDir().resolve("bench").resolve("bench-" + Instant.now().toString().replace(':', '-') + ".json");
        AtomicFiles.writeJson(file, root, mapper);
        spec.commandLine().getOut().println("report: " + file);
    }
}
