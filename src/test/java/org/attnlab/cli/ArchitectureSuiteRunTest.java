package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attnlab.testing.ArchitectureFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.attnlab.testing.TempHome;
import org.attnlab.testing.UciYelpSlice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attnlab run} end to end on a suite naming the RoBERTa and ELECTRA fixture classifiers by directory,
 * on the committed UCI Yelp slice named as a file beside the suite (the fixtures' labels are negative/positive):
 * records for every model, experiment and instance, and the summary.
 */
class ArchitectureSuiteRunTest {

    private static final String SLICE = UciYelpSlice.FILE;

    @TempDir Path tmp;
    @RegisterExtension final TempHome home = new TempHome();

    @BeforeEach
    void copySlice() {
        UciYelpSlice.copyInto(tmp);
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
                  - {name: '%s', dataset: %s}
                  - {name: '%s', dataset: %s}
                experiments:
                  - type: correlation
                    pairs: [attention~gradient, attention~loo]
                  - {type: permutation, permutations: 3}
                """.formatted(ArchitectureFixtures.dir("roberta"), SLICE, ArchitectureFixtures.dir("electra"), SLICE));
        CliRun run = CliRun.of("run", suite.toString());
        assertEquals(0, run.exitCode(), run.err());
        Path results = home.dir().resolve("results/architectures");
        List<Path> runs;
        try (Stream<Path> s = Files.list(results)) {
            runs = s.toList();
        }
        assertEquals(1, runs.size(), runs.toString());
        ObjectMapper json = new ObjectMapper();
        for (String experiment : List.of("correlation", "permutation")) {
            List<String> lines = Files.readAllLines(runs.get(0).resolve("records").resolve(experiment + ".jsonl"));
            assertEquals(6, lines.size(), experiment + ": 2 models x 3 sentences");
            for (String line : lines) {
                JsonNode r = json.readTree(line);
                assertTrue(r.get("model").asText().endsWith("roberta") || r.get("model").asText().endsWith("electra"), line);
            }
        }
        assertTrue(Files.isRegularFile(runs.get(0).resolve("summary.json")));
    }
}
