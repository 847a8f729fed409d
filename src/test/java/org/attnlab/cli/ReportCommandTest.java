package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnlab report RUN_DIR} regenerates the report from records alone, and refuses a non-run directory. */
class ReportCommandTest {

    @TempDir Path tmp;

    @Test
    void regeneratesTheReportFromACopiedRunDirectory() throws Exception {
        URL fixture = getClass().getClassLoader().getResource("report/run");
        Path source = Path.of(fixture.toURI());
        Path run = tmp.resolve("copied-run");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path target = run.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        CliRun result = CliRun.of("report", run.toString());
        assertEquals(0, result.exitCode(), result.err());
        Path index = run.resolve("report").resolve("index.html");
        assertTrue(result.out().contains(index.toAbsolutePath().toString()), result.out());
        assertTrue(Files.readString(index).contains("<img"), "the report embeds figures");
    }

    @Test
    void aDirectoryWithoutRecordsIsRejected() {
        CliRun result = CliRun.of("report", tmp.toString());
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("attnlab: error: "), result.err());
        assertEquals("", result.out());
    }
}
