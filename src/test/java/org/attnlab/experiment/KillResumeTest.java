package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite killed (SIGKILL) twice at random points and resumed gives records identical, byte for
 * byte, to an uninterrupted run: nothing finished is lost or redone, nothing torn is kept. A second
 * process on a run that another is writing is refused and leaves the records alone.
 */
class KillResumeTest {

    private static final List<ExperimentType<?, ?, ?>> EXPERIMENTS =
            ToySuiteMain.experiments().stream().<ExperimentType<?, ?, ?>>map(PlannedExperiment::type).toList();

    @TempDir Path tmp;

    @Test
    void killedTwiceAndResumedEqualsUninterrupted() throws Exception {
        Path reference = tmp.resolve("reference");
        ToySuiteMain.run(reference, 0);

        Path interrupted = tmp.resolve("interrupted");
        Random random = new Random(2026);
        int killsThatInterrupted = 0;
        for (int kill = 0; kill < 2; kill++) {
            Process p = start(interrupted);
            Thread.sleep(800 + random.nextInt(1500));
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            if (lines(interrupted) < EXPERIMENTS.size() * ToySuiteMain.INSTANCES) {
                killsThatInterrupted++;
            }
        }
        Process last = start(interrupted);
        assertTrue(last.waitFor(120, TimeUnit.SECONDS), "resumed run did not finish");
        assertEquals(0, last.exitValue(), new String(last.getInputStream().readAllBytes()));
        assertTrue(killsThatInterrupted >= 1, "no kill landed before the end: the test proved nothing");
        for (ExperimentType<?, ?, ?> e : EXPERIMENTS) {
            byte[] want = Files.readAllBytes(Records.file(reference, e));
            byte[] got = Files.readAllBytes(Records.file(interrupted, e));
            assertEquals(ToySuiteMain.INSTANCES, new String(got).lines().count(), e.id());
            assertArrayEquals(want, got, e.id() + ": resumed records differ from the uninterrupted run");
        }
    }

    @Test
    void aTornLastLineIsDroppedAndRedone() throws Exception {
        Path reference = tmp.resolve("reference2");
        ToySuiteMain.run(reference, 0);
        Path torn = tmp.resolve("torn");
        ToySuiteMain.run(torn, 0);
        Path file = Records.file(torn, PermutationType.INSTANCE);
        String content = Files.readString(file);
        List<String> all = content.lines().toList();
        String kept = String.join("\n", all.subList(0, all.size() - 2)) + "\n";
        Files.writeString(file, kept + all.get(all.size() - 2).substring(0, 25)); // a write cut short
        ToySuiteMain.run(torn, 0);
        assertEquals(Files.readString(Records.file(reference, PermutationType.INSTANCE)), Files.readString(file));
    }

    @Test
    void aSecondProcessOnTheSameRunIsRefusedAndTheFirstFinishesWhole() throws Exception {
        Path reference = tmp.resolve("reference3");
        ToySuiteMain.run(reference, 0);
        Path shared = tmp.resolve("shared");
        Process first = start(shared);
        // Wait until the first process holds the run (its first record is written under the lock).
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (lines(shared) == 0 && System.nanoTime() < deadline && first.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(first.isAlive() && lines(shared) > 0, "the first process should be mid-run");
        RunLock.BusyException refused = assertThrows(RunLock.BusyException.class, () -> ToySuiteMain.run(shared, 0));
        assertTrue(refused.getMessage().contains("another attnlab process"), refused.getMessage());
        assertTrue(first.waitFor(120, TimeUnit.SECONDS), "first run did not finish");
        assertEquals(0, first.exitValue(), new String(first.getInputStream().readAllBytes()));
        for (ExperimentType<?, ?, ?> e : EXPERIMENTS) {
            assertArrayEquals(Files.readAllBytes(Records.file(reference, e)), Files.readAllBytes(Records.file(shared, e)),
                    e.id() + ": the refused second process must not have touched the records");
        }
        ToySuiteMain.run(shared, 0); // once the first has finished, the run is free again (and complete)
    }

    private static long lines(Path runDir) throws Exception {
        long n = 0;
        for (ExperimentType<?, ?, ?> e : EXPERIMENTS) {
            Path f = Records.file(runDir, e);
            n += Files.exists(f) ? Files.readString(f).lines().count() : 0;
        }
        return n;
    }

    private static Process start(Path runDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ToySuiteMain.class.getName(),
                runDir.toString(), "15").redirectErrorStream(true).start();
    }
}
