package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher with stand-in commands (no network): caching, verification, atomic placement, errors. */
class DatasetFetcherTest {

    private static final String CONTENT = "pretend package bytes\n";

    @TempDir
    Path tmp;

    private static SourceArchive archive(SourceArchive.Client client) {
        return new SourceArchive("pkg-1.0.tgz", Checksums.sha256(CONTENT), CONTENT.length(), client, "pkg@1.0");
    }

    /** A shell command run in the fetcher's temporary directory. */
    private static List<String> sh(String script) {
        return List.of("sh", "-c", script);
    }

    private List<String> leftovers(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    @Test
    void fetchesVerifiesAndPlacesTheFile() throws IOException {
        Path cache = tmp.resolve("cache");
        DatasetFetcher f = new DatasetFetcher(cache, a -> sh("printf 'pretend package bytes\\n' > pkg-1.0.tgz"));
        SourceArchive a = archive(SourceArchive.Client.NPM);
        assertEquals(DatasetFetcher.Status.MISSING, f.status(a));
        Path p = f.fetch(a);
        assertEquals(cache.toAbsolutePath().resolve("pkg-1.0.tgz"), p);
        assertEquals(CONTENT, Files.readString(p));
        assertEquals(DatasetFetcher.Status.VERIFIED, f.status(a));
        assertEquals(List.of(), leftovers(cache), "temporary directories are removed");
    }

    @Test
    void neverFetchesAgainWhenAVerifiedCopyIsPresent() throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Files.writeString(cache.resolve("pkg-1.0.tgz"), CONTENT);
        DatasetFetcher f = new DatasetFetcher(cache, a -> sh("touch ../FETCHED; exit 1"));
        Path p = f.fetch(archive(SourceArchive.Client.NPM));
        assertEquals(CONTENT, Files.readString(p));
        assertFalse(Files.exists(cache.resolve("FETCHED")), "the client was not run");
    }

    @Test
    void corruptCachedFileIsAnErrorAndIsNotReplaced() throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Files.writeString(cache.resolve("pkg-1.0.tgz"), "tampered bytes here!!!\n");
        DatasetFetcher f = new DatasetFetcher(cache, a -> sh("printf 'pretend package bytes\\n' > pkg-1.0.tgz"));
        SourceArchive a = archive(SourceArchive.Client.NPM);
        assertEquals(DatasetFetcher.Status.CORRUPT, f.status(a));
        IOException e = assertThrows(IOException.class, () -> f.fetch(a));
        assertTrue(e.getMessage().contains("expected " + a.sha256()) && e.getMessage().contains("delete it to fetch it again"),
                e.getMessage());
        assertEquals("tampered bytes here!!!\n", Files.readString(cache.resolve("pkg-1.0.tgz")));
    }

    @Test
    void wrongBytesFromTheRegistryAreRejectedAndNotCached() throws IOException {
        Path cache = tmp.resolve("cache");
        DatasetFetcher f = new DatasetFetcher(cache, a -> sh("printf 'other bytes' > pkg-1.0.tgz"));
        SourceArchive a = archive(SourceArchive.Client.NPM);
        IOException e = assertThrows(IOException.class, () -> f.fetch(a));
        assertTrue(e.getMessage().contains("the registry served different bytes"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("pkg-1.0.tgz")));
        assertEquals(List.of(), leftovers(cache));
    }

    @Test
    void failingAptDownloadExplainsWhatToDo() throws IOException {
        DatasetFetcher f = new DatasetFetcher(tmp.resolve("cache"),
                a -> sh("echo 'E: Unable to locate package pkg'; exit 100"));
        IOException e = assertThrows(IOException.class, () -> f.fetch(archive(SourceArchive.Client.APT)));
        String m = e.getMessage();
        assertTrue(m.contains("failed (exit 100)"), m);
        assertTrue(m.contains("E: Unable to locate package pkg"), m);
        assertTrue(m.contains("run 'apt-get update'"), m);
        assertTrue(m.contains("put pkg-1.0.tgz (sha256 "), m);
    }

    @Test
    void missingClientProgramIsExplained() {
        DatasetFetcher f = new DatasetFetcher(tmp.resolve("cache"), a -> List.of("no-such-program-attnlab"));
        IOException e = assertThrows(IOException.class, () -> f.fetch(archive(SourceArchive.Client.NPM)));
        assertTrue(e.getMessage().startsWith("cannot run 'no-such-program-attnlab'"), e.getMessage());
    }

    @Test
    void clientThatProducesNothingIsReported() {
        DatasetFetcher f = new DatasetFetcher(tmp.resolve("cache"), a -> sh("printf x > other-name.tgz"));
        IOException e = assertThrows(IOException.class, () -> f.fetch(archive(SourceArchive.Client.NPM)));
        assertTrue(e.getMessage().contains("did not produce pkg-1.0.tgz (found: [other-name.tgz])"), e.getMessage());
    }

    /** Builds a tiny real .deb with dpkg-deb holding one file; skipped where dpkg-deb is missing. */
    private Path buildDeb(Path cache, String member, String content) throws Exception {
        Path root = tmp.resolve("pkgroot");
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.writeString(root.resolve("DEBIAN/control"), "Package: tinydata\nVersion: 1.0\nArchitecture: all\n"
                + "Maintainer: attnlab tests <test@example.org>\nDescription: test package\n");
        Path file = root.resolve(member);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.createDirectories(cache);
        Path deb = cache.resolve("tinydata_1.0_all.deb");
        Process p;
        try {
            p = new ProcessBuilder("dpkg-deb", "--root-owner-group", "--build", root.toString(), deb.toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("dpkg.log").toFile()).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "dpkg-deb not available");
            throw e;
        }
        assertEquals(0, p.waitFor(), Files.readString(tmp.resolve("dpkg.log")));
        return deb;
    }

    @Test
    void extractsVerifiedMembersFromACachedDebOnce() throws Exception {
        Path cache = tmp.resolve("cache");
        String member = "usr/share/doc/tinydata/examples/tiny.arff";
        String content = "@relation r\n@attribute a string\n@data\n'x'\n";
        Path deb = buildDeb(cache, member, content);
        SourceArchive a = new SourceArchive(deb.getFileName().toString(), Checksums.sha256(deb), Files.size(deb),
                SourceArchive.Client.APT, "tinydata=1.0");
        DatasetFetcher f = new DatasetFetcher(cache, x -> sh("exit 1"));
        List<Path> files = f.debMembers(a, List.of(member), List.of(Checksums.sha256(content)));
        assertEquals(List.of(cache.toAbsolutePath().resolve("tinydata_1.0_all/tiny.arff")), files);
        assertEquals(content, Files.readString(files.get(0)));
        assertEquals(List.of(), leftovers(cache));
        // second call: uses the extracted file even without the .deb
        Files.delete(deb);
        assertEquals(files, f.debMembers(a, List.of(member), List.of(Checksums.sha256(content))));
        // a tampered extracted file is detected
        Files.writeString(files.get(0), "changed");
        IOException e = assertThrows(IOException.class, () -> f.debMembers(a, List.of(member), List.of(Checksums.sha256(content))));
        assertTrue(e.getMessage().contains("delete it to extract it again"), e.getMessage());
    }

    @Test
    void missingMemberInTheDebIsReported() throws Exception {
        Path cache = tmp.resolve("cache");
        Path deb = buildDeb(cache, "usr/share/doc/tinydata/a.txt", "a");
        SourceArchive a = new SourceArchive(deb.getFileName().toString(), Checksums.sha256(deb), Files.size(deb),
                SourceArchive.Client.APT, "tinydata=1.0");
        IOException e = assertThrows(IOException.class, () -> new DatasetFetcher(cache, x -> sh("exit 1"))
                .debMembers(a, List.of("usr/share/doc/tinydata/b.txt"), List.of(Checksums.sha256("b"))));
        assertEquals("tinydata_1.0_all.deb has no file usr/share/doc/tinydata/b.txt", e.getMessage());
    }

    @Test
    void defaultCacheDirFollowsAttnlabHome() {
        String old = System.getProperty(DatasetFetcher.HOME_PROPERTY);
        try {
            System.setProperty(DatasetFetcher.HOME_PROPERTY, tmp.toString());
            assertEquals(tmp.resolve("datasets").resolve("cache"), DatasetFetcher.defaultCacheDir());
        } finally {
            if (old == null) {
                System.clearProperty(DatasetFetcher.HOME_PROPERTY);
            } else {
                System.setProperty(DatasetFetcher.HOME_PROPERTY, old);
            }
        }
    }

    @Test
    void checksumOfAFile() throws IOException {
        Path p = Files.write(tmp.resolve("abc"), "abc".getBytes(StandardCharsets.UTF_8));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Checksums.sha256(p));
    }
}
