package org.attnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report on a copy of the fixture: index.html references every figure written, and bad input fails clearly. */
class ReportWriterTest {

    @TempDir Path tmp;

    @Test
    void indexReferencesEveryFigureAndTable() throws Exception {
        Path run = ReportFixture.copyTo(tmp.resolve("run"));
        Path index = new ReportWriter(new FigureWriter(1.0), 20).writeReport(run);
        assertEquals(run.resolve("report/index.html"), index);
        String html = Files.readString(index);
        Set<String> referenced = new TreeSet<>();
        Matcher m = Pattern.compile("(?:src|href)=\"((?:figures|tables)/[^\"]+)\"").matcher(html);
        while (m.find()) {
            referenced.add(m.group(1));
        }
        Set<String> written = new TreeSet<>();
        for (String sub : new String[] {"figures", "tables"}) {
            try (Stream<Path> s = Files.list(run.resolve("report").resolve(sub))) {
                s.forEach(p -> written.add(sub + "/" + p.getFileName()));
            }
        }
        assertEquals(written, referenced, "every file referenced exists and every file written is referenced");
        // The report directory has the mode of any directory the process creates (a temp directory's is 0700).
        assertEquals(Files.getPosixFilePermissions(Files.createDirectory(tmp.resolve("plain"))),
                Files.getPosixFilePermissions(run.resolve("report")));
        for (Figure f : ReportWriter.figures(RunRecords.read(run))) {
            for (String ext : List.of("png", "svg", "pdf")) {
                assertTrue(written.contains("figures/" + f.name() + "." + ext), f.name() + "." + ext);
            }
        }
        assertTrue(written.size() > 30, "figures as PNG+SVG+PDF and tables as md/csv/tex: " + written);
        assertTrue(html.contains("<h2>Provenance</h2>") && html.contains("weights_sha256"), "provenance table");
        assertTrue(html.contains("background:rgba("), "token highlighting");
        assertTrue(html.contains("uci-yelp-0759"), "instance sample");
        // Regenerating replaces the report and leaves no temporary directory behind.
        new ReportWriter(new FigureWriter(1.0), 2).writeReport(run);
        try (Stream<Path> s = Files.list(run)) {
            assertEquals(Set.of("records", "summary.json", "provenance.json", "report"),
                    s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void runDirectoryWithoutRecordsIsAClearError() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("not-a-run"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(empty));
        assertTrue(e.getMessage().contains("no records/ directory"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(tmp.resolve("missing")));
        Files.createDirectories(empty.resolve("records"));
        e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(empty));
        assertTrue(e.getMessage().contains("no records"), e.getMessage());
        assertTrue(Files.notExists(empty.resolve("report")));
    }
}
