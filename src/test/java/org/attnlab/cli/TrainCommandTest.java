package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.attnlab.data.Checksums;
import org.attnlab.data.Dataset;
import org.attnlab.data.Example;
import org.attnlab.model.hf.HfModelDirectory;
import org.attnlab.model.training.SpecTraining;
import org.attnlab.model.training.TrainingRecord;
import org.attnlab.testing.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.attnlab.testing.TempHome;
import org.attnlab.testing.UciYelpSlice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attnlab train} end to end on real data: {@value #SLICE} (the 1,000 UCI Yelp sentences, see
 * NOTICE.md) named by a spec in a temp directory, split seeded 80/10/10 (800/100/100). Small models, part
 * of the training split, few epochs, fixed seeds: each must beat the test split's majority class by a clear
 * margin; the MiniLM directory must load back through {@code inspect} with the probabilities training
 * measured; an identical spec is reused. {@code attnlab.home} points at a temp directory, so nothing is
 * written beside the checkout.
 */
class TrainCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLICE = UciYelpSlice.FILE;

    /*
     * Test accuracy must reach the test split's majority-class rate plus these margins. Measured (n=100 test
     * sentences, majority 0.50, identical over repeated runs with 2 threads): BiLSTM 0.74, MiniLM head 0.88.
     */
    private static final double BILSTM_MARGIN = 0.10;
    private static final double MINILM_MARGIN = 0.20;

    private static final String BILSTM_SPEC = """
            name: bilstm-yelp-slice
            dataset: %s
            model: {kind: rnn, encoder: bilstm, attention: additive, embedding_dim: 64, hidden_size: 32, min_count: 1}
            training: {epochs: 4, batch_size: 16, learning_rate: 3.0e-3, weight_decay: 0.0, seed: 1, max_length: 48,
                       max_train_examples: 400}
            """;

    private static final String MINILM_SPEC = """
            name: minilm-yelp-slice
            dataset: %s
            model: {kind: transformer, base: '%s', pooling: mean, trainable: head}
            training: {epochs: 2, batch_size: 16, learning_rate: 3.0e-3, weight_decay: 0.0, seed: 1, max_length: 64,
                       max_train_examples: 240}
            """;

    @TempDir Path tmp;
    @RegisterExtension final TempHome home = new TempHome();

    @BeforeEach
    void copySlice() {
        UciYelpSlice.copyInto(tmp);
    }

    @Test
    void bilstmWithAdditiveAttentionBeatsTheMajorityClass() throws Exception {
        Path spec = spec("bilstm.yaml", BILSTM_SPEC.formatted(SLICE));
        Path dir = tmp.resolve("bilstm");

        CliRun run = CliRun.of("train", spec.toString(), "--out", dir.toString());

        assertEquals(0, run.exitCode(), run.err());
        Dataset data = SpecTraining.dataset(SLICE, spec);
        assertDocumentedFields(dir, data, 4, 400);
        assertBeatsMajority(dir, data, BILSTM_MARGIN);
        assertTrue(run.out().contains("training bilstm-yelp-slice on uci-yelp-sentences"), run.out());
    }

    @Test
    void minilmHeadBeatsTheMajorityClassAndInspectReproducesItsProbabilities() throws Exception {
        Path spec = spec("minilm.yaml", MINILM_SPEC.formatted(SLICE, TestModels.minilm().toAbsolutePath()));
        Path dir = tmp.resolve("minilm");

        CliRun run = CliRun.of("train", spec.toString(), "--out", dir.toString());

        assertEquals(0, run.exitCode(), run.err());
        Dataset data = SpecTraining.dataset(SLICE, spec);
        assertDocumentedFields(dir, data, 2, 240);
        assertBeatsMajority(dir, data, MINILM_MARGIN);
        // The saved directory reproduces the trained model (reload_check, asserted above: its dev probabilities
        // at the best epoch), and inspect, loading that directory afresh, gives the test probabilities that
        // training recorded for it.
        Map<String, double[]> recorded = predictions(dir);
        List<Example> some = data.test().subList(0, 5);
        List<String> args = new ArrayList<>(List.of("inspect", "--model", dir.toString(), "--format", "json"));
        for (Example e : some) {
            args.add("--text");
            args.add(e.text());
        }
        CliRun inspect = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, inspect.exitCode(), inspect.err());
        JsonNode all = JSON.readTree(inspect.out());
        assertEquals(some.size(), all.size());
        for (int i = 0; i < some.size(); i++) {
            JsonNode o = all.get(i);
            assertEquals("[\"negative\",\"positive\"]", o.get("labels").toString());
            double[] expected = recorded.get(some.get(i).id());
            for (int c = 0; c < expected.length; c++) {
                assertEquals(expected[c], o.get("probabilities").get(c).asDouble(), 1e-5, some.get(i).text());
            }
        }
    }

    @Test
    void anIdenticalSpecReusesTheSavedModelAndForceRetrains() throws Exception {
        Path spec = spec("bilstm.yaml", BILSTM_SPEC.formatted(SLICE).replace("epochs: 4", "epochs: 1")
                .replace("max_train_examples: 400", "max_train_examples: 100"));
        Path dir = tmp.resolve("reused");
        assertEquals(0, CliRun.of("train", spec.toString(), "--out", dir.toString()).exitCode());
        Path weights = dir.resolve(HfModelDirectory.WEIGHTS);
        byte[] bytes = Files.readAllBytes(weights);
        BasicFileAttributes before = Files.readAttributes(weights, BasicFileAttributes.class);
        String trainingJson = Files.readString(dir.resolve(TrainingRecord.FILE));

        CliRun again = CliRun.of("train", spec.toString(), "--out", dir.toString());

        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().startsWith("reusing " + dir), again.out());
        assertFalse(again.out().contains("epoch"), again.out());
        BasicFileAttributes after = Files.readAttributes(weights, BasicFileAttributes.class);
        assertEquals(before.lastModifiedTime(), after.lastModifiedTime());
        assertEquals(before.fileKey(), after.fileKey());
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(weights)));
        assertEquals(trainingJson, Files.readString(dir.resolve(TrainingRecord.FILE)));

        CliRun forced = CliRun.of("train", spec.toString(), "--out", dir.toString(), "--force");

        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(forced.out().startsWith("training bilstm-yelp-slice"), forced.out());
        assertTrue(forced.out().contains("best epoch 1;"), forced.out());
        BasicFileAttributes retrained = Files.readAttributes(weights, BasicFileAttributes.class);
        assertNotEquals(before.fileKey(), retrained.fileKey(), "a new weights file");
        assertNotEquals(trainingJson, Files.readString(dir.resolve(TrainingRecord.FILE)));
    }

    @Test
    void aDatasetThatIsNeitherBuiltInNorAFileIsRejected() throws Exception {
        Path spec = spec("bilstm.yaml", BILSTM_SPEC.formatted("no-such.csv"));

        CliRun run = CliRun.of("train", spec.toString(), "--out", tmp.resolve("never").toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("dataset 'no-such.csv' is neither a built-in dataset (" + String.join(", ", org.attnlab.data.DatasetCatalog.names()) + ")"), run.err());
        assertTrue(run.err().contains(tmp.resolve("no-such.csv").toString()), run.err());
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    private Path spec(String file, String yaml) throws IOException {
        return Files.writeString(tmp.resolve(file), yaml);
    }

    /** training.json has what its javadoc promises, consistent with the data; test-predictions.jsonl is complete. */
    private void assertDocumentedFields(Path dir, Dataset data, int epochs, int trainExamples) throws IOException {
        JsonNode r = JSON.readTree(dir.resolve(TrainingRecord.FILE).toFile());
        Path slice = tmp.resolve(SLICE);
        assertEquals(1, r.at("/seed").asLong());
        assertEquals(r.at("/spec/training/seed").asLong(), r.at("/seed").asLong());
        assertEquals(64, r.at("/spec_sha256").asText().length());
        assertEquals(Checksums.sha256(slice), r.at("/dataset/sha256").asText());
        assertEquals(data.train().size(), r.at("/dataset/train").asInt());
        assertEquals(data.dev().size(), r.at("/dataset/dev").asInt());
        assertEquals(data.test().size(), r.at("/dataset/test").asInt());
        assertEquals(trainExamples, r.at("/dataset/train_examples_used").asInt());
        assertEquals((long) trainExamples * epochs, r.at("/dataset/train_examples_seen").asLong());
        assertEquals(epochs, r.at("/epochs").size());
        for (int e = 0; e < epochs; e++) {
            JsonNode epoch = r.at("/epochs").get(e);
            assertEquals(e + 1, epoch.get("epoch").asInt());
            assertEquals(data.dev().size(), epoch.at("/dev/n").asInt());
            assertTrue(epoch.at("/dev/accuracy").isNumber() && epoch.at("/dev/macroF1").isNumber()
                    && epoch.at("/dev/aucRoc").isNumber() && epoch.get("meanLoss").isNumber(), epoch.toString());
        }
        assertTrue(r.at("/best_epoch").asInt() >= 1 && r.at("/best_epoch").asInt() <= epochs);
        assertEquals(data.test().size(), r.at("/test/n").asInt());
        assertEquals(data.test().size(), Files.readAllLines(dir.resolve(TrainingRecord.PREDICTIONS)).size());
        assertEquals("dev", r.at("/reload_check/split").asText());
        assertEquals(data.dev().size(), r.at("/reload_check/n").asInt());
        assertTrue(r.at("/reload_check/max_abs_probability_difference").asDouble() <= 1e-5, r.toString());
        assertTrue(r.at("/test/macroF1").isNumber() && r.at("/test/aucRoc").isNumber(), r.toString());
        assertTrue(r.at("/wall_seconds").asDouble() > 0);
        assertFalse(r.at("/stopped_by_time_budget").asBoolean());
        assertFalse(r.at("/versions/djl").asText().isEmpty());
        assertFalse(r.at("/versions/engine").asText().isEmpty());
        assertEquals(System.getProperty("java.version"), r.at("/versions/java").asText());
    }

    private static void assertBeatsMajority(Path dir, Dataset data, double margin) throws IOException {
        JsonNode record = JSON.readTree(dir.resolve(TrainingRecord.FILE).toFile());
        Map<String, Long> counts = data.test().stream().collect(Collectors.groupingBy(Example::label, Collectors.counting()));
        double majority = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow() / (double) data.test().size();
        double accuracy = record.at("/test/accuracy").asDouble();
        System.out.printf(java.util.Locale.ROOT, "%s: test accuracy %.4f, majority %.4f (n=%d), dev %s, %.1f s%n",
                record.at("/spec/name").asText(), accuracy, majority, data.test().size(),
                record.at("/epochs").findValuesAsText("accuracy"), record.at("/wall_seconds").asDouble());
        assertTrue(accuracy >= majority + margin, "test accuracy " + accuracy + " vs majority " + majority
                + " + margin " + margin);
    }

    private static Map<String, double[]> predictions(Path dir) throws IOException {
        Function<JsonNode, double[]> probabilities = o -> {
            double[] p = new double[o.get("probabilities").size()];
            for (int c = 0; c < p.length; c++) {
                p[c] = o.get("probabilities").get(c).asDouble();
            }
            return p;
        };
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve(TrainingRecord.PREDICTIONS))) {
            JsonNode o = JSON.readTree(line);
            out.put(o.get("id").asText(), probabilities.apply(o));
        }
        return out;
    }
}
