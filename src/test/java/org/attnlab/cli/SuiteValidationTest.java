package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attnlab.experiment.PreparedSuite;
import org.attnlab.experiment.RunLock;
import org.attnlab.experiment.SuitePlan;
import org.attnlab.model.djl.RandomBertDirectory;
import org.attnlab.model.hf.BertConfig;
import org.junit.jupiter.api.BeforeEach;
import org.attnlab.testing.TempHome;
import org.attnlab.testing.UciYelpSlice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of bad suite is refused before any work: exit code 2, one line on stderr naming the suite file
 * and the key, and nothing under {@code results/}. Problems that only the model can reveal (its layers, heads,
 * labels, the inputs' query rows, unreadable weights) are found when the plan is prepared, still before the run
 * directory exists. The model is a small random BERT (2 layers, 4 heads) with the real MiniLM tokenizer; the
 * data is the committed UCI Yelp slice, named as a file beside the suite.
 */
class SuiteValidationTest {

    private static final String SLICE = UciYelpSlice.FILE;

    @TempDir Path tmp;
    @RegisterExtension final TempHome home = new TempHome();
    private Path model;

    @BeforeEach
    void setUp() throws Exception {
        UciYelpSlice.copyInto(tmp);
        model = RandomBertDirectory.write(tmp.resolve("tiny-bert"),
                RandomBertDirectory.smallConfig(List.of("negative", "positive"), BertConfig.Pooling.CLS_POOLER), 3);
    }

    /** A suite on the tiny model; {@code attention} and {@code experiments} are YAML flow text. */
    private Path suite(String name, String attention, String experiments) throws IOException {
        return write("suite.yaml", """
                name: %s
                seed: 1
                sample: {size: 6, max_length: 32}
                models:
                  - {name: '%s', dataset: %s}
                %s
                experiments: %s
                """.formatted(name, model, SLICE, attention == null ? "" : "attention: " + attention, experiments));
    }

    private Path write(String file, String text) throws IOException {
        Path p = tmp.resolve(file);
        Files.writeString(p, text);
        return p;
    }

    private void assertRefused(Path suiteFile, String... mentions) throws IOException {
        CliRun r = CliRun.of("run", suiteFile.toString());
        assertEquals(2, r.exitCode(), r.err() + r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        assertTrue(lines.get(0).startsWith("attnlab: error: "), lines.get(0));
        assertTrue(lines.get(0).contains(suiteFile.toString()) || lines.get(0).contains("--model"), "names the file: " + lines.get(0));
        for (String m : mentions) {
            assertTrue(lines.get(0).contains(m), "mentions '" + m + "': " + lines.get(0));
        }
        assertNothingUnderResults();
    }

    private void assertNothingUnderResults() throws IOException {
        Path results = home.dir().resolve("results");
        if (Files.exists(results)) {
            try (Stream<Path> s = Files.walk(results)) {
                assertEquals(List.of(results), s.toList(), "nothing may be written under results/");
            }
        }
    }

    private static final String CORRELATION = "[{type: correlation, pairs: [attention~gradient]}]";

    @Test
    void headsLayersAndRowsPastTheModelAreRefused() throws Exception {
        assertRefused(suite("s", "{head: 4}", CORRELATION), "attention.head", "0..3");
        assertRefused(suite("s", "{layer: 2}", CORRELATION), "attention.layer", "0..1");
        assertRefused(suite("s", "{row: 400}", CORRELATION), "attention.row", "400");
    }

    @Test
    void negativeValuesOtherThanMinusOneAreRefused() throws Exception {
        assertRefused(suite("s", "{head: -2}", CORRELATION), "attention.head", "-1");
        assertRefused(suite("s", "{layer: -3}", CORRELATION), "attention.layer");
        assertRefused(suite("s", "{row: -5}", CORRELATION), "attention.row");
        assertRefused(suite("s", null, "[{type: erasure-single, erasure_layers: [-2]}]"), "erasure_layers");
    }

    @Test
    void keysThatDoNotApplyToTheTypeAreRefused() throws Exception {
        assertRefused(suite("s", null, "[{type: permutation, ig_steps: 5}]"), "experiments[0]", "ig_steps", "unknown key");
        assertRefused(suite("s", null, "[{type: efficient-attention, erasure_layers: [-1]}]"), "erasure_layers", "unknown key");
        assertRefused(suite("s", null, "[{type: adversarial, lime_samples: 5}]"), "lime_samples");
        assertRefused(suite("s", null, "[{type: correlation, pairs: [attention~gradient], ig_steps: 5}]"), "ig_steps",
                "integrated-gradients");
        assertRefused(suite("s", null, "[{type: decision-flip, rankers: [gradient], lime_samples: 50}]"), "lime_samples");
        assertRefused(suite("s", null, "[{type: correlation, pairs: [attention~saliency]}]"), "saliency");
        assertRefused(suite("s", null, "[{type: correlations}]"), "experiments[0].type", "correlations");
        assertRefused(suite("s", null, "[{type: permutation}, {type: permutation}]"), "twice");
    }

    @Test
    void settingsBeyondTheModelAreRefusedWhenPrepared() throws Exception {
        assertRefused(suite("s", null, "[{type: decision-flip, erasure_layers: [5]}]"), "erasure_layers", "5");
    }

    @Test
    void namesThatWouldLeaveTheirDirectoryAreRefused() throws Exception {
        assertRefused(suite("..", null, CORRELATION), "name");
        assertRefused(suite(".hidden", null, CORRELATION), "name");
        Path spec = write("escape.yaml", """
                name: ../outside
                dataset: %s
                model: {kind: rnn, encoder: average, attention: additive}
                training: {epochs: 1, batch_size: 8, learning_rate: 1.0e-3, weight_decay: 0, seed: 1, max_length: 16}
                """.formatted(SLICE));
        CliRun r = CliRun.of("train", spec.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("name"), r.err());
        assertFalse(Files.exists(home.dir().resolve("outside")));
        assertFalse(Files.exists(tmp.resolve("outside")));
    }

    @Test
    void oneModelNameOnTwoDatasetsIsRefused() throws Exception {
        Path other = tmp.resolve("other.csv");
        Files.copy(tmp.resolve(SLICE), other);
        Path file = write("dup.yaml", """
                name: dup
                sample: {size: 4, max_length: 32}
                models:
                  - {name: '%s', dataset: %s}
                  - {name: '%s', dataset: other.csv}
                experiments: %s
                """.formatted(model, SLICE, model, CORRELATION));
        assertRefused(file, "appears twice");
    }

    @Test
    void labelsThatDifferFromTheDatasetAreRefused() throws Exception {
        model = RandomBertDirectory.write(tmp.resolve("wrong-labels"),
                RandomBertDirectory.smallConfig(List.of("positive", "negative"), BertConfig.Pooling.CLS_POOLER), 3);
        assertRefused(suite("s", null, CORRELATION), "labels", "[positive, negative]");
    }

    @Test
    void truncatedWeightsAreRefusedBeforeTheRunDirectoryExists() throws Exception {
        Path weights = model.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun r = CliRun.of("run", suite("s", null, CORRELATION).toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("model.safetensors"), r.err());
        assertNothingUnderResults();
    }

    @Test
    void aPartialAttentionMappingMeansTheDocumentedDefaults() throws Exception {
        String full = "{layer: -1, head: -1, row: 0}";
        List<String> partial = List.of("{}", "{layer: -1}", "{head: -1}", "{row: 0}", "{layer: -1, row: 0}");
        PreparedSuite reference = prepare(suite("s", full, CORRELATION));
        for (String p : partial) {
            PreparedSuite other = prepare(suite("s", p, CORRELATION));
            assertEquals(reference.plan().view(), other.plan().view(), p);
            assertEquals(reference.runId(), other.runId(), p);
        }
        assertEquals(reference.runId(), prepare(suite("s", null, CORRELATION)).runId(), "no attention key at all");
        assertNotEquals(reference.runId(), prepare(suite("s", "{head: 0}", CORRELATION)).runId());
    }

    @Test
    void editingTheModelsConfigOrTokenizerGivesANewRunId() throws Exception {
        Path file = suite("s", null, CORRELATION);
        String before = prepare(file).runId();
        Path config = model.resolve("config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\\{", "{\"attnlab_test_note\": 1,"));
        String afterConfig = prepare(file).runId();
        assertNotEquals(before, afterConfig, "config.json changed");
        Path tokenizer = model.resolve("tokenizer.json");
        Files.writeString(tokenizer, Files.readString(tokenizer) + "\n");
        assertNotEquals(afterConfig, prepare(file).runId(), "tokenizer.json changed");
        assertEquals(prepare(file).runId(), prepare(file).runId(), "and nothing else moves it");
    }

    @Test
    void aSecondRunOfTheSameSuiteIsRefusedWhileTheFirstHoldsIt() throws Exception {
        Path file = suite("s", null, CORRELATION);
        PreparedSuite prepared = prepare(file);
        Files.createDirectories(prepared.runDir());
        try (RunLock held = RunLock.acquire(prepared.runDir())) {
            CliRun r = CliRun.of("run", file.toString());
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("another attnlab process"), r.err());
            assertFalse(Files.exists(prepared.runDir().resolve("records")), "the refused run wrote no records");
        }
        CliRun r = CliRun.of("run", file.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    private static PreparedSuite prepare(Path suiteFile) throws IOException {
        return SuitePlan.load(suiteFile, List.of()).prepare(new PrintWriter(new StringWriter()));
    }
}
