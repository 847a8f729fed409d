package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attnlab.config.ConfigException;
import org.attnlab.io.Json;
import org.attnlab.report.ExperimentReports;
import org.attnlab.report.Table;
import org.attnlab.testing.TempHome;
import org.attnlab.testing.UciYelpSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seeds:} on a suite's spec entry, end to end on the committed UCI Yelp slice with the tiny BiLSTM spec: one
 * model trained and analysed per seed, and the seed group's summary checked against a hand computation from the
 * records of its two models.
 */
class SeedGroupSuiteTest {

    @TempDir Path tmp;
    @RegisterExtension final TempHome home = new TempHome();
    private final StringWriter console = new StringWriter();

    @BeforeEach
    void copySlice() throws IOException {
        UciYelpSlice.copyInto(tmp);
        Files.writeString(tmp.resolve("tiny.yaml"), UciYelpSlice.tinyBilstmSpec("tiny")); // training seed 1
    }

    private Path suite(String modelEntry) throws IOException {
        Path p = tmp.resolve("suite.yaml");
        Files.writeString(p, """
                name: seeds
                seed: 1
                split: test
                sample: {size: 12, max_length: 32}
                models: [%s]
                experiments:
                  - {type: correlation, pairs: [attention~gradient, attention~loo]}
                """.formatted(modelEntry));
        return p;
    }

    private String spec(String more) {
        return "{spec: '" + tmp.resolve("tiny.yaml") + "'" + more + "}";
    }

    private PreparedSuite prepare(Path suite) throws IOException {
        return SuitePlan.load(suite, List.of()).prepare(new PrintWriter(console, true));
    }

    @Test
    void eachSeedIsTrainedAndAnalysedAndTheGroupReportsTheSpreadOfTheirMeans() throws Exception {
        PreparedSuite prepared = prepare(suite(spec(", seeds: [1, 2]")));
        assertEquals(List.of("tiny", "tiny-seed2"), prepared.models().stream().map(c -> c.plan().name()).toList());
        assertEquals(2, Json.PLAIN.readTree(prepared.models().get(1).dir().resolve("training.json").toFile()).path("seed").asLong());
        Path runDir = prepared.run(false).runDir();

        JsonNode provenance = Json.PLAIN.readTree(runDir.resolve("provenance.json").toFile());
        assertEquals(Json.PLAIN.readTree("{\"tiny\": {\"tiny\": 1, \"tiny-seed2\": 2}}"), provenance.path("resolved").path("seed_groups"));
        JsonNode group = Json.PLAIN.readTree(runDir.resolve("summary.json").toFile()).path("seed_groups").path("tiny");
        for (String pair : List.of("attention~gradient", "attention~loo")) {
            // By hand from the records lines: each model's mean and sample std of tau, then the two seeds' statistics.
            double[] a = meanAndStd(taus(runDir, "tiny", pair));
            double[] b = meanAndStd(taus(runDir, "tiny-seed2", pair));
            JsonNode s = group.path("statistics").path("correlation").path("tau " + pair);
            assertEquals(2, s.path("seeds").asInt(), s.toString());
            assertEquals((a[0] + b[0]) / 2, s.path("mean_of_means").asDouble(), 1e-12, pair);
            assertEquals(Math.abs(a[0] - b[0]) / Math.sqrt(2), s.path("spread_of_means").asDouble(), 1e-12, pair);
            assertEquals((a[1] + b[1]) / 2, s.path("mean_instance_std").asDouble(), 1e-12, pair);
            assertTrue(a[0] != b[0], "the two seeds are two models: " + pair + " " + a[0]);
        }

        RunSummary summary = RunSummary.of(runDir);
        Table table = ExperimentReports.tables(summary).stream().filter(t -> t.name().equals("seeds-tiny")).findFirst().orElseThrow();
        assertEquals(List.of("correlation", "tau attention~gradient"), table.rows().get(0).subList(0, 2));
        assertTrue(String.join("\n", ExperimentReports.headline(summary)).contains("tiny (2 seeds)"));
    }

    @Test
    void theRunIdFollowsTheSeedList() throws Exception {
        Path suite = suite(spec(", seeds: [1, 2]"));
        String first = prepare(suite).runId();
        assertEquals(first, prepare(suite).runId(), "same seeds, same run");
        assertNotEquals(first, prepare(suite(spec(", seeds: [1, 3]"))).runId());
    }

    @Test
    void theGroupNameSelectsTheWholeGroupAndAMemberNameItself() throws Exception {
        Path suite = suite(spec(", seeds: [2, 3]")); // the spec's own seed (1) left out: both are variants
        SuitePlan all = SuitePlan.load(suite, List.of("tiny"));
        assertEquals(List.of("tiny-seed2", "tiny-seed3"), all.models().stream().map(SuitePlan.ModelPlan::name).toList());
        assertEquals(Map.of("tiny", Map.of("tiny-seed2", 2L, "tiny-seed3", 3L)), all.seedGroups());
        SuitePlan one = SuitePlan.load(suite, List.of("tiny-seed3"));
        assertEquals(List.of("tiny-seed3"), one.models().stream().map(SuitePlan.ModelPlan::name).toList());
        assertTrue(one.seedGroups().isEmpty(), "one model has no spread");
    }

    @Test
    void badSeedsAreRefusedWithOneErrorEach() throws Exception {
        Map<String, String> cases = Map.of(
                spec(", seeds: [1]"), "models.seeds: at least two training seeds",
                spec(", seeds: [1, 2, 1]"), "models.seeds: each seed at most once",
                "{name: tiny, dataset: " + UciYelpSlice.FILE + ", seeds: [1, 2]}", "models.seeds: only beside spec:",
                spec(", seeds: [one, two]"), "seeds",
                spec(", seeds: []"), "models.seeds: at least two training seeds",
                spec(", seeds: [1, 2]") + ", " + spec(", seeds: [3, 4]"), "models[1].seeds: a seed group named 'tiny' appears twice");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path suite = suite(c.getKey());
            ConfigException e = assertThrows(ConfigException.class, () -> SuitePlan.load(suite, List.of()), c.getKey());
            if (!e.getMessage().startsWith(suite.toString()) || !e.getMessage().contains(c.getValue())) {
                failures.add(c.getKey() + " -> " + e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
        assertFalse(Files.exists(home.dir().resolve("results")));
        assertFalse(Files.exists(home.dir().resolve("models").resolve("tiny")), "nothing trained");
    }

    private static double[] taus(Path runDir, String model, String pair) throws IOException {
        List<Double> out = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("records").resolve("correlation.jsonl"))) {
            JsonNode r = Json.PLAIN.readTree(line);
            if (r.path("model").asText().equals(model) && r.path("qualifies").asBoolean()) {
                JsonNode tau = r.path("kendall").path(pair).path("tau");
                if (tau.isNumber()) {
                    out.add(tau.asDouble());
                }
            }
        }
        assertTrue(out.size() >= 10, model + " " + pair + ": " + out.size() + " defined taus");
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Mean and sample (n - 1) standard deviation. */
    private static double[] meanAndStd(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (x.length - 1))};
    }
}
