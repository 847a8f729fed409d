package org.attnlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.attnlab.io.Directories;

/**
 * Fetches {@link SourceArchive}s with the registries' own clients ({@code npm pack},
 * {@code apt-get download}) into a cache directory, verifies their SHA-256 against the value
 * committed in the code, and never fetches a file again once a verified copy is there.
 *
 * <p>Everything is written to a temporary directory inside the cache first and moved into place
 * atomically, so an interrupted fetch leaves no half-written file. A cached file with the wrong
 * checksum is an error (it is never silently replaced): delete it to fetch again.
 *
 * <p>The cache is {@code <attnlab.home>/datasets/cache} ({@link #defaultCacheDir()}); a file can
 * also be put there by hand (e.g. on a machine without registry access) and is used if its
 * checksum matches.
 */
public final class DatasetFetcher {

    /** System property naming the project's home directory (default: the current directory). */
    public static final String HOME_PROPERTY = "attnlab.home";

    private static final long TIMEOUT_MINUTES = 20;

    private final Path cacheDir;
    private final Function<SourceArchive, List<String>> commands;

    /** A fetcher using the real registry clients. */
    public DatasetFetcher(Path cacheDir) {
        this(cacheDir, a -> null);
    }

    /**
     * A fetcher whose commands can be replaced (tests): {@code commands} returns the command to
     * run in the temporary directory, or {@code null} for the real client's command.
     */
    DatasetFetcher(Path cacheDir, Function<SourceArchive, List<String>> commands) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
        this.commands = commands;
    }

    /** {@code <attnlab.home>/datasets/cache}, with {@code attnlab.home} defaulting to the current directory. */
    public static Path defaultCacheDir() {
        return Paths.get(System.getProperty(HOME_PROPERTY, ".")).resolve("datasets").resolve("cache");
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** Where the archive is (or would be) cached. */
    public Path cachedPath(SourceArchive archive) {
        return cacheDir.resolve(archive.fileName());
    }

    /** State of an archive in the cache. */
    public enum Status {
        /** Not in the cache. */
        MISSING,
        /** In the cache with the expected checksum. */
        VERIFIED,
        /** In the cache with a different size or checksum. */
        CORRUPT
    }

    /** Checks the cache without fetching. */
    public Status status(SourceArchive archive) throws IOException {
        Path p = cachedPath(archive);
        if (!Files.isRegularFile(p)) {
            return Status.MISSING;
        }
        return verifies(p, archive) ? Status.VERIFIED : Status.CORRUPT;
    }

    /**
     * Returns the cached, verified archive, fetching it first if it is not in the cache.
     *
     * @throws IOException if the client fails (the message says why and what to do), or the
     *                     fetched or cached file has the wrong checksum
     */
    public Path fetch(SourceArchive archive) throws IOException {
        Path target = cachedPath(archive);
        if (Files.isRegularFile(target)) {
            requireVerified(target, archive);
            return target;
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, ".fetch-");
        try {
            List<String> cmd = commands.apply(archive);
            if (cmd == null) {
                cmd = archive.command(tmp.toString());
            }
            run(cmd, tmp, archive);
            Path fetched = tmp.resolve(archive.fileName());
            if (!Files.isRegularFile(fetched)) {
                throw new IOException("'" + String.join(" ", cmd) + "' succeeded but did not produce "
                        + archive.fileName() + " (found: " + listNames(tmp) + ")");
            }
            if (!verifies(fetched, archive)) {
                throw new IOException("fetched " + archive.fileName() + " from " + archive.describe()
                        + " has sha256 " + Checksums.sha256(fetched) + " (" + Files.size(fetched)
                        + " bytes), expected " + archive.sha256() + " (" + archive.size()
                        + " bytes): the registry served different bytes, not using them");
            }
            moveIntoPlace(fetched, target);
            requireVerified(target, archive);
            return target;
        } finally {
            Directories.deleteQuietly(tmp);
        }
    }

    /**
     * Returns files extracted from a cached Debian package, extracting them with
     * {@code dpkg-deb -x} if they are not there yet. They are cached in
     * {@code <cache>/<package file name without .deb>/} under their base names; each must have
     * the SHA-256 given in {@code memberSha256} (same order as {@code members}).
     *
     * @param deb          the Debian package
     * @param members      paths inside the package, e.g. {@code usr/share/doc/weka/examples/ReutersCorn-train.arff}
     * @param memberSha256 expected SHA-256 of each member
     * @return the cached files in the order of {@code members}
     */
    public List<Path> debMembers(SourceArchive deb, List<String> members, List<String> memberSha256) throws IOException {
        if (members.size() != memberSha256.size()) {
            throw new IllegalArgumentException("one checksum per member needed");
        }
        Path dir = cacheDir.resolve(deb.fileName().replaceFirst("\\.deb$", ""));
        List<Path> out = new ArrayList<>();
        boolean complete = true;
        for (String m : members) {
            Path p = dir.resolve(Paths.get(m).getFileName().toString());
            out.add(p);
            complete &= Files.isRegularFile(p);
        }
        if (!complete) {
            Path debFile = fetch(deb);
            Files.createDirectories(dir);
            Path tmp = Files.createTempDirectory(cacheDir, ".extract-");
            try {
                Path root = tmp.resolve("root");
                run(List.of("dpkg-deb", "-x", debFile.toString(), root.toString()), tmp, null);
                for (int i = 0; i < members.size(); i++) {
                    Path src = root.resolve(members.get(i));
                    if (!Files.isRegularFile(src)) {
                        throw new IOException(deb.fileName() + " has no file " + members.get(i));
                    }
                    if (!Files.isRegularFile(out.get(i))) {
                        moveIntoPlace(src, out.get(i));
                    }
                }
            } finally {
                Directories.deleteQuietly(tmp);
            }
        }
        for (int i = 0; i < members.size(); i++) {
            String actual = Checksums.sha256(out.get(i));
            if (!actual.equals(memberSha256.get(i))) {
                throw new IOException("cached file " + out.get(i) + " has sha256 " + actual + ", expected "
                        + memberSha256.get(i) + ": delete it to extract it again");
            }
        }
        return List.copyOf(out);
    }

    private static boolean verifies(Path p, SourceArchive a) throws IOException {
        return Files.size(p) == a.size() && Checksums.sha256(p).equals(a.sha256());
    }

    private static void requireVerified(Path p, SourceArchive a) throws IOException {
        if (!verifies(p, a)) {
            throw new IOException("cached file " + p + " has sha256 " + Checksums.sha256(p) + " (" + Files.size(p)
                    + " bytes), expected " + a.sha256() + " (" + a.size() + " bytes): delete it to fetch it again");
        }
    }

    private static void moveIntoPlace(Path src, Path target) throws IOException {
        try {
            Files.move(src, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another process won the race; its copy is verified by the caller
        } catch (AtomicMoveNotSupportedException e) {
            Path sibling = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(src, sibling, StandardCopyOption.REPLACE_EXISTING);
            Files.move(sibling, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Runs a client; on failure the message names the command, its exit code, its last output and a hint. */
    private static void run(List<String> cmd, Path dir, SourceArchive archive) throws IOException {
        Path log = dir.resolve(".client.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + cmd.get(0) + "' (" + e.getMessage() + "): " + hint(cmd, archive, true));
        }
        boolean done;
        try {
            done = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running '" + String.join(" ", cmd) + "'");
        }
        if (!done) {
            p.destroyForcibly();
            throw new IOException("'" + String.join(" ", cmd) + "' did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", cmd) + "' failed (exit " + p.exitValue() + "): "
                    + lastLines(log) + " -- " + hint(cmd, archive, false));
        }
    }

    private static String hint(List<String> cmd, SourceArchive archive, boolean missingProgram) {
        if (archive == null) {
            return "dpkg-deb".equals(cmd.get(0)) ? "dpkg-deb (package dpkg) is needed to unpack the .deb." : "";
        }
        String manual = " Or put " + archive.fileName() + " (sha256 " + archive.sha256() + ") into the cache directory by hand.";
        return switch (archive.client()) {
            case NPM -> (missingProgram ? "install Node.js and npm." : "check that the npm registry is reachable (npm config get registry).") + manual;
            case APT -> (missingProgram ? "apt-get is needed (Debian/Ubuntu)."
                    : "apt-get download needs package lists that include " + archive.spec()
                    + ": run 'apt-get update' (as root) first, and check that Debian bookworm's 'main' archive is configured.") + manual;
        };
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.contains("A complete log of this run")).toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
            return tail.isEmpty() ? "(no output)" : String.join(" | ", tail).strip();
        } catch (IOException | UncheckedIOException e) {
            return "(no output)";
        } catch (RuntimeException e) { // undecodable bytes in the log
            return "(unreadable output)";
        }
    }

    private static String listNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList().toString();
        }
    }
}
