package org.attnlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jfree.chart.ui.Drawable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each format is written whole or not at all: through a temporary sibling moved over the old file. */
class FigureWriterTest {

    @TempDir Path tmp;

    private interface Write {
        Path to(FigureWriter w, Figure f, Path dir) throws Exception;
    }

    private static final List<Write> FORMATS = List.of(FigureWriter::writePng, FigureWriter::writeSvg, FigureWriter::writePdf);

    @Test
    void rewritingReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
        FigureWriter w = new FigureWriter(1.0);
        for (Write write : FORMATS) {
            Path first = write.to(w, square("fig", Color.RED), tmp);
            byte[] before = Files.readAllBytes(first);
            Path second = write.to(w, square("fig", Color.BLUE), tmp);
            assertEquals(first, second);
            assertFalse(Arrays.equals(before, Files.readAllBytes(second)), "the file was replaced: " + second);
            // The mode of any file the process creates (Files.createTempFile's would be owner-only).
            assertEquals(plainFileMode(), Files.getPosixFilePermissions(second), second.toString());
        }
        assertEquals(Set.of("fig.png", "fig.svg", "fig.pdf"), names());
    }

    @Test
    void aFailingDrawingLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        FigureWriter w = new FigureWriter(1.0);
        Drawable broken = (g, area) -> {
            throw new IllegalStateException("drawing failed");
        };
        for (Write write : FORMATS) {
            Path file = write.to(w, square("fig", Color.RED), tmp);
            byte[] before = Files.readAllBytes(file);
            assertThrows(IllegalStateException.class, () -> write.to(w, new Figure("fig", "broken", broken, 40, 30), tmp));
            assertArrayEquals(before, Files.readAllBytes(file), file.toString());
        }
        assertEquals(Set.of("fig.png", "fig.svg", "fig.pdf"), names());
    }

    private static Figure square(String name, Color c) {
        Drawable d = (g, area) -> {
            g.setColor(c);
            g.fill(new Rectangle2D.Double(5, 5, 30, 20));
        };
        return new Figure(name, "a square", d, 40, 30);
    }

    private Set<String> names() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /** The permissions of a file created plainly (as the umask allows). */
    private Set<PosixFilePermission> plainFileMode() throws Exception {
        Path probe = Files.createFile(tmp.resolve("mode-probe"));
        try {
            return Files.getPosixFilePermissions(probe);
        } finally {
            Files.delete(probe);
        }
    }
}
