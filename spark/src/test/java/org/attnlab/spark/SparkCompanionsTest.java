package org.attnlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attnlab.data.DatasetFetcher;
import org.attnlab.experiment.PlannedExperiment;
import org.attnlab.experiment.PreparedSuite;
import org.attnlab.experiment.Records;
import org.attnlab.experiment.SuitePlan;
import org.attnlab.io.Directories;
import org.attnlab.testing.UciYelpSlice;
import org.junit.jupiter.api.Test;

/**
 * A suite whose experiment reads companion models (Wiegreffe &amp; Pinter's seed variance of the tiny BiLSTM on the
 * committed UCI Yelp slice) gives the same records, byte for byte, on Spark under a local master as locally: the
 * tasks open the companions through their model pool and make the records through the core's one code path.
 */
class SparkCompanionsTest {

    @Test
    void companionRecordsOnSparkAreTheLocalRecords() throws Exception {
        Path home = Files.createTempDirectory("attnlab-spark-companions-");
        String previous = System.getProperty(DatasetFetcher.HOME_PROPERTY);
        System.setProperty(DatasetFetcher.HOME_PROPERTY, home.toString());
        try {
            UciYelpSlice.copyInto(home);
            Files.writeString(home.resolve("bilstm.yaml"), UciYelpSlice.tinyBilstmSpec("bilstm-spark-wp"));
            Path file = home.resolve("wp-suite.yaml");
            Files.writeString(file, """
                    name: spark-wp
                    seed: 7
                    sample: {size: 8, max_length: 32}
                    models:
                      - spec: %s
                    experiments:
                      - {type: permutation, permutations: 5}
                      - {type: seed-variance, seeds: [2]}
                    """.formatted(home.resolve("bilstm.yaml")));
            PreparedSuite suite = SuitePlan.load(file, List.of()).prepare(new PrintWriter(new StringWriter(), true));
            suite.run(false);
            Path reference = home.resolve("reference");
            Files.move(suite.runDir(), reference);
            suite.run(false, new SparkSuiteEngine("local[2]"));
            for (PlannedExperiment e : suite.plan().experiments()) {
                assertEquals(8, Files.readAllLines(Records.file(suite.runDir(), e.type())).size(), e.type().id());
                assertArrayEquals(Files.readAllBytes(Records.file(reference, e.type())),
                        Files.readAllBytes(Records.file(suite.runDir(), e.type())), e.type().id());
            }
        } finally {
            if (previous == null) {
                System.clearProperty(DatasetFetcher.HOME_PROPERTY);
            } else {
                System.setProperty(DatasetFetcher.HOME_PROPERTY, previous);
            }
            Directories.deleteQuietly(home);
        }
    }
}
