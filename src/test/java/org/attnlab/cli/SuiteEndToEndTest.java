package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.ExperimentTypes;
import org.attnlab.experiment.Records;
import org.attnlab.experiment.ResultRecord;
import org.attnlab.experiment.RunSummary;
import org.attnlab.io.Json;
import org.junit.jupiter.api.BeforeEach;
import org.attnlab.testing.TempHome;
import org.attnlab.testing.UciYelpSlice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attnlab run} end to end on real data: a small BiLSTM trained by spec on the committed UCI Yelp slice,
 * then every experiment type on 12 test sentences through the CLI. The records read back typed, the summary
 * is the one recomputed from them, provenance holds every resolved setting, the report has every type's
 * figures, and a second run resumes without writing anything new.
 */
class SuiteEndToEndTest {

    private static final String SLICE = UciYelpSlice.FILE;
    private static final int SAMPLE = 12;

    @TempDir Path tmp;
    @RegisterExtension final TempHome home = new TempHome();

    @BeforeEach
    void copySlice() {
        UciYelpSlice.copyInto(tmp);
    }

    @Test
    void everyExperimentTypeRunsOnARealSliceAndResumes() throws Exception {
        Path spec = tmp.resolve("bilstm.yaml");
        Files.writeString(spec, UciYelpSlice.tinyBilstmSpec("bilstm-e2e"));
        Path suite = tmp.resolve("e2e.yaml");
        Files.writeString(suite, """
                name: e2e
                seed: 3
                sample: {size: %d, max_length: 32}
                models:
                  - spec: %s
                experiments:
                  - {type: correlation, pairs: [attention~gradient, attention~loo, gradient~loo]}
                  - {type: permutation, permutations: 10}
                  - {type: adversarial, adversaries: 2, steps: 40}
                  - {type: erasure-single}
                  - {type: decision-flip, random_orders: 1, rankers: [gradient]}
                  - {type: efficient-attention}
                  - {type: faithfulness, measures: [attention, gradient, alti], fractions: [0.2, 0.5]}
                  - {type: uniform-baseline}
                  - {type: seed-variance, seeds: [2]}
                  - {type: diagnostic, sources: [uniform, base, adversary], adversary_lambda: 1.0}
                  - {type: consistent-adversary, lambdas: [1.0]}
                """.formatted(SAMPLE, spec));

        CliRun first = CliRun.of("run", suite.toString());
        assertEquals(0, first.exitCode(), first.err());
        Path runDir;
        try (Stream<Path> dirs = Files.list(home.dir().resolve("results").resolve("e2e"))) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertTrue(first.out().contains("tau attention~gradient"), first.out());

        for (ExperimentType<?, ?, ?> type : ExperimentTypes.ALL) {
            List<? extends ResultRecord<?>> records = Records.read(runDir, type);
            assertEquals(SAMPLE, records.size(), type.id());
            assertTrue(records.stream().anyMatch(ResultRecord::qualifies), type.id() + ": no qualifying record");
            assertTrue(records.stream().allMatch(r -> r.model().equals("bilstm-e2e")), type.id());
        }
        JsonNode summary = Json.MAPPER.readTree(runDir.resolve("summary.json").toFile());
        // Compared as written (NaN, e.g. the mean of an ordering that never flips, is written as "NaN").
        JsonNode recomputed = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(RunSummary.of(runDir).json()));
        assertTrue(recomputed.equals(summary), "summary.json is the summary of the records");
        assertEquals(SAMPLE, summary.path("permutation").path("bilstm-e2e").path("records").asInt());

        JsonNode provenance = Json.MAPPER.readTree(runDir.resolve("provenance.json").toFile());
        JsonNode experiments = provenance.path("resolved").path("experiments");
        assertEquals(ExperimentTypes.ids(), experiments.findValuesAsText("type"));
        assertEquals(10, experiments.get(1).path("settings").path("permutations").asInt());
        assertEquals(0.05, experiments.get(2).path("settings").path("epsilon").asDouble(), 0.0, "defaults filled in");
        assertEquals("[-1]", experiments.get(3).path("settings").path("erasure_layers").toString());
        JsonNode model = provenance.path("models").path("bilstm-e2e");
        assertEquals(0, model.path("attention_view").path("layer").asInt(), "-1 resolved to the RNN's only layer");
        assertTrue(model.path("files_sha256").has("config.json") && model.path("files_sha256").has("model.safetensors"),
                model.toString());
        assertEquals(runDir.getFileName().toString(), provenance.path("run_id").asText());

        List<String> figures;
        try (Stream<Path> f = Files.list(runDir.resolve("report").resolve("figures"))) {
            figures = f.map(p -> p.getFileName().toString()).toList();
        }
        JsonNode faithful = summary.path("faithfulness").path("bilstm-e2e");
        assertTrue(faithful.path("not_applicable").has("alti"), "ALTI does not apply to a BiLSTM: " + faithful);
        assertTrue(faithful.path("measures").has("random") && faithful.path("measures").has("loo"), faithful.toString());
        for (String stem : List.of("correlation-tau-attention-gradient-bilstm-e2e", "permutation-median-tvd-bilstm-e2e",
                "adversarial-jsd-bilstm-e2e", "erasure-flips-bilstm-e2e", "decision-flip-fraction-bilstm-e2e",
                "efficient-support-size", "faithfulness-comprehensiveness-bilstm-e2e", "uniform-baseline-f1",
                "seed-variance-jsd-vs-tvd-bilstm-e2e", "diagnostic-f1", "consistent-adversary-curve-bilstm-e2e")) {
            assertTrue(figures.contains(stem + ".png") && figures.contains(stem + ".pdf"), stem + " in " + figures);
        }

        byte[] before = Files.readAllBytes(Records.file(runDir, ExperimentTypes.ALL.get(0)));
        CliRun again = CliRun.of("run", suite.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("reusing"), "the trained model is reused: " + again.out());
        assertArrayEquals(before, Files.readAllBytes(Records.file(runDir, ExperimentTypes.ALL.get(0))), "nothing redone");
    }
}
