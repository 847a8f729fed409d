package org.attnlab.model.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ModelException;
import org.attnlab.model.djl.Models;
import org.attnlab.testing.ArchitectureFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hub ids against a loopback stand-in for the hub ({@link LoopbackHub}, serving the RoBERTa fixture):
 * download into the Hugging Face cache layout, reuse without network, resume after a cut connection,
 * checksums, the offline error and the checkpoint errors.
 */
class HubDownloaderTest {

    @TempDir Path tmp;
    private Path repoFiles;
    private LoopbackHub hub;

    @BeforeEach
    void start() throws IOException {
        repoFiles = Files.createDirectories(tmp.resolve("repo"));
        for (String f : HubDownloader.FILES) {
            Files.copy(ArchitectureFixtures.dir("roberta").resolve(f), repoFiles.resolve(f));
        }
        hub = new LoopbackHub(repoFiles);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Map<String, String> env() {
        return Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HOME", tmp.resolve("hf-home").toString());
    }

    @Test
    void hubIdsParse() {
        assertEquals(Optional.of(new HubId("org/name", "main")), HubId.parse("hf:org/name"));
        assertEquals(Optional.of(new HubId("org/name", "v1.0")), HubId.parse("org/name@v1.0"));
        assertTrue(HubId.parse("minilm").isEmpty());
        assertTrue(HubId.parse("models/a/b").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> HubId.parse("hf:no-slash"));
        assertTrue(new HubId("o/n", LoopbackHub.COMMIT).pinned());
    }

    @Test
    void downloadsIntoTheHuggingFaceCacheAndThenReusesItWithoutNetwork() throws IOException {
        Path dir = ModelCatalog.resolve("hf:" + LoopbackHub.REPO, tmp.resolve("models"), env());
        Path repo = tmp.resolve("hf-home/hub/models--attnlab-test--tiny-roberta");
        assertEquals(repo.resolve("snapshots").resolve(LoopbackHub.COMMIT), dir);
        assertEquals(LoopbackHub.COMMIT, Files.readString(repo.resolve("refs/main")));
        byte[] weights = Files.readAllBytes(repoFiles.resolve("model.safetensors"));
        assertTrue(Files.isSymbolicLink(dir.resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(repo.resolve("blobs").resolve(LoopbackHub.hex("SHA-256", weights))));
        for (String f : HubDownloader.FILES) {
            assertArrayEquals(Files.readAllBytes(repoFiles.resolve(f)), Files.readAllBytes(dir.resolve(f)), f);
        }
        assertNoPartialFiles(repo);
        try (ClassifierModel model = Models.load(dir)) {
            assertEquals("roberta", model.info().architecture());
        }

        int before = hub.requests.size();
        hub.close(); // from here on the "hub" is unreachable
        assertEquals(dir, ModelCatalog.resolve("hf:" + LoopbackHub.REPO, tmp.resolve("models"), env()));
        assertEquals(dir, ModelCatalog.resolve(LoopbackHub.REPO, tmp.resolve("models"), env()), "bare ORG/NAME");
        assertEquals(dir, ModelCatalog.resolve("hf:" + LoopbackHub.REPO + "@" + LoopbackHub.COMMIT,
                tmp.resolve("models"), env()), "a pinned commit");
        assertEquals(before, hub.requests.size(), "the cached copy is used without asking the hub");
    }

    @Test
    void aBareIdThatCouldBeALocalPathIsNotLookedUpOnTheHub() throws IOException {
        // "src" exists in the working directory (the project): src/no-such-model is a mistyped path, not a hub id.
        assertTrue(Files.isDirectory(Path.of("src")));
        String missing = "src/no-such-model";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.resolve(missing, tmp.resolve("models"), env()));
        assertTrue(e.getMessage().startsWith("unknown model '" + missing + "'"), e.getMessage());
        assertEquals(List.of(), hub.requests);
    }

    @Test
    void aCutConnectionIsResumedWithARangeRequest() throws IOException {
        hub.cutAfter = 10_000;
        Path dir = HubDownloader.fromEnvironment(env()).snapshot(new HubId(LoopbackHub.REPO, "main"));
        byte[] weights = Files.readAllBytes(repoFiles.resolve("model.safetensors"));
        assertArrayEquals(weights, Files.readAllBytes(dir.resolve("model.safetensors")));
        List<String> cdn = hub.requests.stream().filter(r -> r.startsWith("GET /cdn/")).toList();
        assertEquals(2, cdn.size(), hub.requests.toString());
        assertFalse(cdn.get(0).contains("bytes="), cdn.toString());
        assertTrue(cdn.get(1).endsWith(" bytes=10000-"), "resumed where the connection broke: " + cdn);
        assertNoPartialFiles(tmp.resolve("hf-home"));
    }

    @Test
    void aStalledDownloadIsDroppedAndResumed() throws IOException {
        hub.stallAfter = 20_000;
        Path dir = HubDownloader.fromEnvironment(env()).withStallTimeout(java.time.Duration.ofMillis(500))
                .snapshot(new HubId(LoopbackHub.REPO, "main"));
        assertArrayEquals(Files.readAllBytes(repoFiles.resolve("model.safetensors")),
                Files.readAllBytes(dir.resolve("model.safetensors")));
        assertTrue(hub.requests.stream().anyMatch(r -> r.startsWith("GET /cdn/") && r.endsWith(" bytes=20000-")),
                hub.requests.toString());
    }

    @Test
    void aPartialFileFromAnEarlierRunIsResumed() throws IOException {
        byte[] weights = Files.readAllBytes(repoFiles.resolve("model.safetensors"));
        Path blobs = Files.createDirectories(tmp.resolve("hf-home/hub/models--attnlab-test--tiny-roberta/blobs"));
        Files.write(blobs.resolve(LoopbackHub.hex("SHA-256", weights) + ".incomplete"),
                java.util.Arrays.copyOf(weights, 4_096));
        Path dir = HubDownloader.fromEnvironment(env()).snapshot(new HubId(LoopbackHub.REPO, "main"));
        assertArrayEquals(weights, Files.readAllBytes(dir.resolve("model.safetensors")));
        assertTrue(hub.requests.stream().anyMatch(r -> r.startsWith("GET /cdn/") && r.endsWith(" bytes=4096-")),
                hub.requests.toString());
    }

    @Test
    void aFileThatFailsItsChecksumIsDeletedAndReported() throws IOException {
        byte[] tokenizer = Files.readAllBytes(repoFiles.resolve("tokenizer.json"));
        tokenizer[tokenizer.length / 2] ^= 1;
        hub.corrupt.put("tokenizer.json", tokenizer);
        ModelException e = assertThrows(ModelException.class,
                () -> HubDownloader.fromEnvironment(env()).snapshot(new HubId(LoopbackHub.REPO, "main")));
        assertTrue(e.getMessage().contains("tokenizer.json failed its checksum (SHA-1"), e.getMessage());
        Path snapshot = tmp.resolve("hf-home/hub/models--attnlab-test--tiny-roberta/snapshots").resolve(LoopbackHub.COMMIT);
        assertFalse(Files.exists(snapshot.resolve("tokenizer.json")));
        assertNoPartialFiles(tmp.resolve("hf-home"));
    }

    @Test
    void offlineTheErrorNamesWhatIsMissingFromTheCache() throws IOException {
        hub.close();
        ModelException e = assertThrows(ModelException.class,
                () -> ModelCatalog.resolve("hf:" + LoopbackHub.REPO, tmp.resolve("models"), env()));
        assertTrue(e.getMessage().startsWith("hf:" + LoopbackHub.REPO + "@main: not in the cache and not downloadable"
                + " (cannot reach " + hub.endpoint()), e.getMessage());
        assertTrue(e.getMessage().contains("config.json, model.safetensors, tokenizer.json"), e.getMessage());

        // With HF_HUB_OFFLINE and a cache holding part of the snapshot, only the rest is named.
        Path snapshot = Files.createDirectories(tmp.resolve("hf-home/hub/models--attnlab-test--tiny-roberta/snapshots/main"));
        Files.copy(repoFiles.resolve("config.json"), snapshot.resolve("config.json"));
        Map<String, String> offline = Map.of("HF_HOME", tmp.resolve("hf-home").toString(), "HF_HUB_OFFLINE", "1",
                "HF_ENDPOINT", hub.endpoint());
        ModelException partial = assertThrows(ModelException.class,
                () -> HubDownloader.fromEnvironment(offline).snapshot(new HubId(LoopbackHub.REPO, "main")));
        assertTrue(partial.getMessage().contains("HF_HUB_OFFLINE is set"), partial.getMessage());
        assertTrue(partial.getMessage().endsWith(snapshot + ": model.safetensors, tokenizer.json. Download it once with"
                + " network access (HF_ENDPOINT and HF_HOME choose the server and the cache)"), partial.getMessage());
    }

    @Test
    void aRepositoryWithOnlyPytorchModelBinOrAnUnknownNameIsAClearError() throws IOException {
        Files.move(repoFiles.resolve("model.safetensors"), repoFiles.resolve("pytorch_model.bin"));
        ModelException e = assertThrows(ModelException.class,
                () -> HubDownloader.fromEnvironment(env()).snapshot(new HubId(LoopbackHub.REPO, "main")));
        assertTrue(e.getMessage().contains("has no model.safetensors (HTTP 404")
                && e.getMessage().contains("it has only pytorch_model.bin, which attnlab does not read"), e.getMessage());

        ModelException unknown = assertThrows(ModelException.class,
                () -> HubDownloader.fromEnvironment(env()).snapshot(new HubId("someone/else", "main")));
        assertTrue(unknown.getMessage().startsWith("hf:someone/else@main: has no config.json (HTTP 404"), unknown.getMessage());
    }

    private static void assertNoPartialFiles(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> partial = all.filter(p -> p.getFileName().toString().endsWith(".incomplete")
                    || p.getFileName().toString().contains(".link-")).toList();
            assertEquals(List.of(), partial);
        }
    }
}
