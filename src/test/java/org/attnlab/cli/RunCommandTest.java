package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code run}'s argument checks, which must fail before any data is fetched or model trained. */
class RunCommandTest {

    @Test
    void anUnknownModelSelectionIsRejectedNamingTheSuitesModels() {
        CliRun r = CliRun.of("run", "experiments/jain-wallace-imdb.yaml", "--model", "bilstm-imdb", "--model", "lstm-imdb");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("--model lstm-imdb"), r.err());
        assertTrue(r.err().contains("[bilstm-imdb, average-imdb, cnn-imdb, minilm-imdb]"), r.err());
    }

    @Test
    void sparkWithoutTheSparkModuleIsOneClearErrorBeforeAnyWork() {
        // The core's class path has no Spark engine (it lives in spark/, which ./attnlab adds for --spark).
        CliRun r = CliRun.of("run", "experiments/jain-wallace-imdb.yaml", "--spark", "local[2]");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--spark local[2]") && r.err().contains("spark/target/attnlab-spark.jar"), r.err());
    }
}
