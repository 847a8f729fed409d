package org.attnlab.report;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The records fixture: a few lines per experiment of a real two-model run (BiLSTM and MiniLM on UCI Yelp). */
final class ReportFixture {

    private ReportFixture() {
    }

    static Path dir() {
        try {
            return Path.of(ReportFixture.class.getResource("/report/run/summary.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the fixture run directory under {@code target} (the report writes into the run directory). */
    static Path copyTo(Path target) throws IOException {
        Path source = dir();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}
