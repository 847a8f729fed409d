package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records another engine left as parts (out of order, in several files, beside records a local run already
 * wrote) are appended in the local order without opening the model; what no part holds is computed; a record
 * neither written nor in a part is an error when the engine claimed to have computed everything.
 */
class RecordPartsTest {

    @TempDir Path tmp;

    @Test
    void partsAreTakenInLocalOrderInsteadOfRecomputed() throws Exception {
        Path reference = tmp.resolve("reference");
        ToySuiteMain.run(reference, 0);
        List<PlannedExperiment> experiments = ToySuiteMain.experiments();
        Subject toy = ToySuiteMain.subject(0);

        // A run with the first 5 instances written locally and instances 5..39 in two parts, the later one first.
        Path run = tmp.resolve("run");
        Files.createDirectories(run.resolve("records"));
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (PlannedExperiment e : experiments) {
            List<String> lines = Files.readAllLines(Records.file(reference, e.type()));
            Files.writeString(Records.file(run, e.type()), String.join("\n", lines.subList(0, 5)) + "\n");
            for (int i = 5; i < lines.size(); i++) {
                (i < 20 ? first : second).add(RecordParts.entry(e.type().id(), lines.get(i)));
            }
        }
        RecordParts.write(run, "b-later", second);
        RecordParts.write(run, "a-earlier", first);

        AtomicInteger opened = new AtomicInteger();
        Subject counting = new Subject(toy.model(), () -> {
            opened.incrementAndGet();
            return toy.loader().get();
        }, toy.labels(), toy.instances(), toy.maxLength());
        try (RunLock lock = RunLock.acquire(run)) {
            SuiteRunner runner = new SuiteRunner(experiments, run, false);
            assertTrue(runner.pending(List.of(counting)).isEmpty(), "everything is written or in a part");
            runner.run(List.of(counting), false);
        }
        assertEquals(0, opened.get(), "no record was recomputed");
        assertFalse(Files.exists(RecordParts.dir(run)), "merged parts are removed");
        for (PlannedExperiment e : experiments) {
            assertArrayEquals(Files.readAllBytes(Records.file(reference, e.type())), Files.readAllBytes(Records.file(run, e.type())),
                    e.type().id());
        }
    }

    @Test
    void aRecordMissingAfterTheEngineIsAnErrorNotARecomputation() throws Exception {
        Path run = tmp.resolve("lost");
        Files.createDirectories(run);
        Subject toy = ToySuiteMain.subject(0);
        try (RunLock lock = RunLock.acquire(run)) {
            SuiteRunner runner = new SuiteRunner(ToySuiteMain.experiments(), run, false);
            assertEquals(toy.instances().size(), runner.pending(List.of(toy)).size());
            IllegalStateException lost = assertThrows(IllegalStateException.class, () -> runner.run(List.of(toy), false));
            assertTrue(lost.getMessage().contains("toy / e0"), lost.getMessage());
        }
    }
}
