package org.attnlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.attnlab.data.DatasetFetcher;
import org.attnlab.experiment.PlannedExperiment;
import org.attnlab.experiment.PreparedSuite;
import org.attnlab.experiment.RecordParts;
import org.attnlab.experiment.Records;
import org.attnlab.experiment.SuitePlan;
import org.attnlab.io.Directories;
import org.attnlab.io.Json;
import org.attnlab.model.djl.RandomBertDirectory;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.testing.UciYelpSlice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A small real suite (the committed UCI Yelp slice; a BiLSTM trained by spec and a random tiny BERT;
 * correlation, permutation, erasure-single) run on Spark under a local master gives records byte-identical
 * to a local run's, also when every task's first attempt fails, and a Spark run killed (SIGKILL) mid-job
 * resumes as a local run into the same records.
 */
class SparkSuiteTest {

    private static final String SLICE = UciYelpSlice.FILE;
    private static final int SAMPLE = 10;

    private static Path home;
    private static String previousHome;
    private static Path suiteFile;
    private static PreparedSuite suite;
    private static Path reference;

    @BeforeAll
    static void localReference() throws Exception {
        home = Files.createTempDirectory("attnlab-spark-home-");
        previousHome = System.getProperty(DatasetFetcher.HOME_PROPERTY);
        System.setProperty(DatasetFetcher.HOME_PROPERTY, home.toString());
        suiteFile = writeSuite(home);
        suite = SuitePlan.load(suiteFile, List.of()).prepare(new PrintWriter(new StringWriter(), true));
        suite.run(false);
        reference = home.resolve("reference");
        Files.move(suite.runDir(), reference);
    }

    @AfterAll
    static void restoreHome() {
        if (previousHome == null) {
            System.clearProperty(DatasetFetcher.HOME_PROPERTY);
        } else {
            System.setProperty(DatasetFetcher.HOME_PROPERTY, previousHome);
        }
        Directories.deleteQuietly(home);
    }

    @BeforeEach
    void freshRun() {
        Directories.deleteQuietly(suite.runDir());
    }

    /** The suite of this test in {@code dir}: the slice beside it, a BiLSTM spec and a random BERT under models/. */
    static Path writeSuite(Path dir) throws Exception {
        UciYelpSlice.copyInto(dir);
        RandomBertDirectory.write(dir.resolve("models").resolve("tiny-bert"),
                RandomBertDirectory.smallConfig(List.of("negative", "positive"), BertConfig.Pooling.CLS_POOLER), 3);
        Files.writeString(dir.resolve("bilstm.yaml"), UciYelpSlice.tinyBilstmSpec("bilstm-spark"));
        Path file = dir.resolve("spark-suite.yaml");
        Files.writeString(file, """
                name: spark-suite
                seed: 7
                sample: {size: %d, max_length: 32}
                models:
                  - spec: %s
                  - {name: tiny-bert, dataset: %s}
                experiments:
                  - {type: correlation, pairs: [attention~gradient, attention~loo]}
                  - {type: permutation, permutations: 10}
                  - {type: erasure-single}
                """.formatted(SAMPLE, dir.resolve("bilstm.yaml"), SLICE));
        return file;
    }

    @Test
    void sparkRecordsAreTheLocalRecords() throws Exception {
        suite.run(false, new SparkSuiteEngine("local[2]"));
        assertSameRecords();
        JsonNode engine = Json.MAPPER.readTree(suite.runDir().resolve("provenance.json").toFile()).path("engine");
        assertEquals("spark", engine.path("name").asText());
        assertEquals("local[2]", engine.path("master").asText());
        int tasks = engine.path("tasks").asInt();
        int opens = engine.path("model_opens").asInt();
        assertEquals(8, tasks, "10 instances of each model in tasks of ceil(10 / (2 x 2)) = 3: " + engine);
        assertTrue(opens >= 2 && opens <= 4, "each model opened at most once per task thread, reused after: " + engine);
        assertEquals(2 * SAMPLE, engine.path("instances").asInt(), engine.toString());
        assertEquals(Files.readString(reference.resolve("summary.json")), Files.readString(suite.runDir().resolve("summary.json")));
    }

    @Test
    void tasksFailingOnceLoseAndDuplicateNothing() throws Exception {
        Path markers = home.resolve("failed-once");
        System.setProperty(ChunkTask.FAIL_ONCE_PROPERTY, markers.toString());
        try {
            suite.run(false, new SparkSuiteEngine("local[2,2]")); // local[N, maxFailures]: one retry per task
        } finally {
            System.clearProperty(ChunkTask.FAIL_ONCE_PROPERTY);
        }
        int tasks = Json.MAPPER.readTree(suite.runDir().resolve("provenance.json").toFile()).path("engine").path("tasks").asInt();
        try (Stream<Path> failed = Files.list(markers)) {
            assertEquals(tasks, failed.count(), "every task's first attempt failed");
        }
        assertSameRecords();
    }

    @Test
    void aKilledSparkRunResumesLocally() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + DatasetFetcher.HOME_PROPERTY + "=" + home);
        command.add("-D" + SparkSuiteEngine.INSTANCES_PER_TASK + "=1");
        command.add("-D" + ChunkTask.DELAY_PROPERTY + "=150");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SparkRunChild.class.getName(), suiteFile.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("child.log").toFile()).start();
        Path parts = RecordParts.dir(suite.runDir());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (partCount(parts) < 3 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the Spark run ended before the kill: " + Files.readString(home.resolve("child.log")));
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(partCount(parts) >= 3, "parts left by the killed run");
        assertFalse(Files.exists(suite.runDir().resolve("summary.json")), "the killed run had not finished");

        suite.run(false); // local, same run directory: takes the finished parts, computes the rest
        assertSameRecords();
        assertFalse(Files.exists(parts), "parts are removed once merged");
        assertEquals("local", Json.MAPPER.readTree(suite.runDir().resolve("provenance.json").toFile())
                .path("engine").path("name").asText());
    }

    private static long partCount(Path parts) throws Exception {
        if (!Files.isDirectory(parts)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(parts)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part") && !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static void assertSameRecords() throws Exception {
        for (PlannedExperiment e : suite.plan().experiments()) {
            Path want = Records.file(reference, e.type());
            Path got = Records.file(suite.runDir(), e.type());
            assertEquals(2 * SAMPLE, Files.readAllLines(got).size(), e.type().id());
            if (!java.util.Arrays.equals(Files.readAllBytes(want), Files.readAllBytes(got))) {
                Files.copy(want, Files.createDirectories(Path.of("target/record-diff")).resolve("local-" + e.type().id() + ".jsonl"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(got, Path.of("target/record-diff").resolve("spark-" + e.type().id() + ".jsonl"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            assertArrayEquals(Files.readAllBytes(want), Files.readAllBytes(got), e.type().id() + ": records differ from the local run's");
        }
        assertFalse(Files.exists(RecordParts.dir(suite.runDir())), "parts are removed once merged");
    }
}
