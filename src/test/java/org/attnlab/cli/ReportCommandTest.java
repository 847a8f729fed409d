package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
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
        Path run = copyFixture(tmp.resolve("copied-run"));
        CliRun result = CliRun.of("report", run.toString());
        assertEquals(0, result.exitCode(), result.err());
        Path index = run.resolve("report").resolve("index.html");
        assertTrue(result.out().contains(index.toAbsolutePath().toString()), result.out());
        assertTrue(Files.readString(index).contains("<img"), "the report embeds figures");
        assertTrue(Files.readString(index).contains("run 0f3c9a1b2d4e"), "named by the run id, not the directory");
    }

    @Test
    void copiesOfOneRunGiveByteIdenticalReports() throws Exception {
        Path a = copyFixture(tmp.resolve("a"));
        Path b = copyFixture(tmp.resolve("elsewhere").resolve("b"));
        assertEquals(0, CliRun.of("report", a.toString()).exitCode());
        assertEquals(0, CliRun.of("report", b.toString()).exitCode());
        Map<String, String> first = digests(a.resolve("report"));
        assertTrue(first.keySet().stream().anyMatch(f -> f.endsWith(".svg")), first.keySet().toString());
        assertTrue(first.keySet().stream().anyMatch(f -> f.endsWith(".pdf")), first.keySet().toString());
        assertEquals(first, digests(b.resolve("report")));
    }

    private Path copyFixture(Path run) throws Exception {
        URL fixture = getClass().getClassLoader().getResource("report/run");
        Path source = Path.of(fixture.toURI());
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
        return run;
    }

    /** Every file under {@code dir} (relative path) with its SHA-256. */
    private static Map<String, String> digests(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    @Test
    void aDirectoryWithoutRecordsIsRejected() {
        CliRun result = CliRun.of("report", tmp.toString());
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("attnlab: error: "), result.err());
        assertEquals("", result.out());
    }
}
