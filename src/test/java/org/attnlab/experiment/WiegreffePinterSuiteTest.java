package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attnlab.config.ConfigException;
import org.attnlab.data.Example;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Instance;
import org.attnlab.io.Json;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.djl.Models;
import org.attnlab.model.djl.RandomBertDirectory;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.testing.TempHome;
import org.attnlab.testing.UciYelpSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wiegreffe &amp; Pinter suites end to end on the committed UCI Yelp slice with the tiny BiLSTM spec: companions are
 * trained after the base model, fingerprinted into the run id, and read by the experiments; suites that cannot have
 * companions are refused before any work.
 */
class WiegreffePinterSuiteTest {

    @TempDir Path tmp;
    @RegisterExtension final TempHome home = new TempHome();
    private final StringWriter console = new StringWriter();

    @BeforeEach
    void copySlice() throws IOException {
        UciYelpSlice.copyInto(tmp);
        Files.writeString(tmp.resolve("tiny.yaml"), UciYelpSlice.tinyBilstmSpec("tiny-wp"));
    }

    private Path suite(String models, String experiments) throws IOException {
        Path p = tmp.resolve("suite.yaml");
        Files.writeString(p, """
                name: wp
                seed: 1
                split: test
                sample: {size: 12, max_length: 32}
                models: %s
                experiments: %s
                """.formatted(models, experiments));
        return p;
    }

    private String spec() {
        return "[{spec: '" + tmp.resolve("tiny.yaml") + "'}]";
    }

    private PreparedSuite prepare(Path suite) throws IOException {
        return SuitePlan.load(suite, List.of()).prepare(new PrintWriter(console, true));
    }

    @Test
    void seedVariantsMoveAttentionAndTheModelItselfDoesNot() throws Exception {
        PreparedSuite prepared = prepare(suite(spec(), "[{type: seed-variance, seeds: [2, 3]}]"));
        assertEquals(List.of("seed-2", "seed-3"), List.copyOf(prepared.models().get(0).companionDirs().keySet()));
        Path runDir = prepared.run(false).runDir();
        List<ResultRecord<SeedVarianceExperiment.Result>> records = Records.read(runDir, SeedVarianceType.INSTANCE);
        assertEquals(12, records.size());
        SeedVarianceType.Summary s = SeedVarianceType.INSTANCE.summarize(records);
        assertTrue(s.qualifying() >= 10, s.toString());
        for (String seed : List.of("seed-2", "seed-3")) {
            DistanceSummary d = s.bySeed().get(seed);
            assertTrue(d.jsd().mean() > 1e-4 && d.jsd().mean() <= Math.log(2), seed + ": " + d);
            assertTrue(d.tvd().mean() > 0 && d.tvd().mean() <= 1, seed + ": " + d);
        }
        assertTrue(Json.PLAIN.readTree(runDir.resolve("provenance.json").toFile()).path("models").path("tiny-wp")
                .path("companions").has("seed-3"));

        // The same experiment with the base model standing in for its seed variant: distance exactly zero.
        Path base = prepared.models().get(0).dir();
        try (ClassifierModel model = Models.load(base); ClassifierModel same = Models.load(base)) {
            SeedVarianceExperiment e = new SeedVarianceExperiment(List.of(2L), AttentionView.DEFAULT);
            for (Example ex : prepared.models().get(0).instances()) {
                Instance x = new Instance(model, ex.id(), model.tokenize(ex.text(), true).truncated(32), 0);
                SeedVarianceExperiment.Result r = e.run(x, role -> same);
                if (r != null) {
                    assertEquals(0, r.seeds().get(0).jsd(), 1e-7, ex.id());
                    assertEquals(0, r.seeds().get(0).tvd(), 1e-7, ex.id());
                }
            }
        }
    }

    @Test
    void theRunIdChangesWhenACompanionModelChanges() throws Exception {
        Path suite = suite(spec(), "[{type: seed-variance, seeds: [2]}]");
        PreparedSuite first = prepare(suite);
        assertEquals(first.runId(), prepare(suite).runId(), "same models, same run");
        Path seedDir = first.models().get(0).companionDirs().get("seed-2");
        Files.writeString(seedDir.resolve("vocabulary-note.txt"), "a file the model would be loaded with");
        PreparedSuite changed = prepare(suite);
        assertEquals(first.models().get(0).fingerprint(), changed.models().get(0).fingerprint(), "base unchanged");
        assertNotEquals(first.runId(), changed.runId());
    }

    @Test
    void aModelGivenAsADirectoryIsRefusedWithOneError() throws Exception {
        Path dir = RandomBertDirectory.write(tmp.resolve("tiny-bert"),
                RandomBertDirectory.smallConfig(List.of("negative", "positive"), BertConfig.Pooling.CLS_POOLER), 3);
        Path suite = suite("[{name: '" + dir + "', dataset: " + UciYelpSlice.FILE + "}]", "[{type: seed-variance}]");
        ConfigException e = assertThrows(ConfigException.class, () -> SuitePlan.load(suite, List.of()));
        assertTrue(e.getMessage().startsWith(suite + ": models[0]:"), e.getMessage());
        assertTrue(e.getMessage().contains("experiments[0] (seed-variance)") && e.getMessage().contains("spec:"), e.getMessage());
        assertFalse(Files.exists(home.dir().resolve("results")));
    }

    @Test
    void anUnknownDiagnosticSourceIsOneError() throws Exception {
        Path suite = suite(spec(), "[{type: diagnostic, sources: [uniform, learned]}]");
        ConfigException e = assertThrows(ConfigException.class, () -> SuitePlan.load(suite, List.of()));
        assertTrue(e.getMessage().startsWith(suite + ": experiments[0]"), e.getMessage());
        assertTrue(e.getMessage().contains("sources: each one of [uniform, trained, base, adversary], got 'learned'"),
                e.getMessage());
        assertFalse(Files.exists(home.dir().resolve("results")));
    }

    @Test
    void aTransformerSpecOrTheSpecsOwnSeedIsRefused() throws Exception {
        Files.writeString(tmp.resolve("minilm.yaml"), """
                name: minilm-wp
                dataset: %s
                model: {kind: transformer, base: minilm}
                training: {epochs: 1, batch_size: 8, learning_rate: 5.0e-5, weight_decay: 0.0, seed: 1, max_length: 32,
                           max_train_examples: 0, max_dev_examples: 0, time_budget_minutes: 0}
                """.formatted(UciYelpSlice.FILE));
        Path transformer = suite("[{spec: '" + tmp.resolve("minilm.yaml") + "'}]", "[{type: uniform-baseline}]");
        ConfigException t = assertThrows(ConfigException.class, () -> SuitePlan.load(transformer, List.of()));
        assertTrue(t.getMessage().contains("models[0].spec") && t.getMessage().contains("kind: rnn"), t.getMessage());
        Path ownSeed = suite(spec(), "[{type: seed-variance, seeds: [1, 2]}]");
        ConfigException s = assertThrows(ConfigException.class, () -> SuitePlan.load(ownSeed, List.of()));
        assertTrue(s.getMessage().contains("experiments[0] (seed-variance).seeds: 1"), s.getMessage());
    }

    /** Uniform, diagnostic (the trained MLP among them) and model-consistent adversary companions on the real slice. */
    @Test
    void uniformDiagnosticAndAdversaryCompanionsRunOnTheSlice() throws Exception {
        String withoutTrained = """
                [{type: uniform-baseline}, {type: diagnostic, sources: [uniform, base, adversary], adversary_lambda: 0.5},
                 {type: consistent-adversary, lambdas: [0.5]}]""";
        PreparedSuite prepared = prepare(suite(spec(), withoutTrained.replace("[uniform, base", "[uniform, trained, base")));
        assertEquals(List.of("uniform", "diagnostic-uniform", "diagnostic-trained", "diagnostic-base", "adversary-0.5",
                "diagnostic-adversary-0.5"), List.copyOf(prepared.models().get(0).companionDirs().keySet()));
        assertNotEquals(prepared.runId(), prepare(suite(spec(), withoutTrained)).runId(), "the trained MLP is part of the run");
        Path runDir = prepared.run(false).runDir();
        List<ResultRecord<UniformBaselineExperiment.Result>> uniform = Records.read(runDir, UniformBaselineType.INSTANCE);
        assertEquals(12, uniform.size());
        for (ResultRecord<UniformBaselineExperiment.Result> r : uniform) {
            // Frozen uniform attention: its JSD from the base model's is the base model's distance from uniform.
            assertTrue(r.result().jsd() >= 0 && r.result().jsd() <= Math.log(2), r.toString());
        }
        DiagnosticType.Summary d = DiagnosticType.INSTANCE.summarize(Records.read(runDir, DiagnosticType.INSTANCE));
        assertEquals(List.of("uniform", "trained", "base", "adversary"), List.copyOf(d.f1BySource().keySet()));
        d.f1BySource().values().forEach(f -> assertEquals(12, f.n()));
        assertTrue(Json.PLAIN.readTree(runDir.resolve("provenance.json").toFile()).path("models").path("tiny-wp")
                .path("companions").has("diagnostic-trained"));
        ConsistentAdversaryType.Summary a = ConsistentAdversaryType.INSTANCE.summarize(
                Records.read(runDir, ConsistentAdversaryType.INSTANCE));
        assertTrue(a.byLambda().get("adversary-0.5").jsd().mean() > 0, a.toString());
    }
}
