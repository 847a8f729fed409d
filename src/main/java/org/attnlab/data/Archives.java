package org.attnlab.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reading files out of gzipped tar archives (npm package tarballs) without unpacking them. */
public final class Archives {

    private Archives() {
    }

    /** Reads a stream and produces a value; may throw {@link IOException}. */
    @FunctionalInterface
    public interface StreamReader<T> {
        T read(InputStream in) throws IOException;
    }

    /**
     * Streams one member of a {@code .tgz} to {@code reader}.
     *
     * @param tgz    the archive
     * @param member the member's path inside the archive, e.g. {@code package/reviews.json}
     * @throws IOException if the archive has no such member or cannot be read
     */
    public static <T> T readTgzMember(Path tgz, String member, StreamReader<T> reader) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tgz), 1 << 16);
             GzipCompressorInputStream gz = new GzipCompressorInputStream(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile() && e.getName().equals(member)) {
                    return reader.read(tar);
                }
            }
        }
        throw new IOException(tgz.getFileName() + " has no member " + member);
    }
}
