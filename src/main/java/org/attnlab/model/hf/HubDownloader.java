package org.attnlab.model.hf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.attnlab.model.ModelException;

/**
 * Downloads a model directory ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json})
 * from the Hugging Face hub into the cache Hugging Face's own tools use, and finds it there again.
 *
 * <p>Settings come from the environment as in {@code huggingface_hub}: {@code HF_ENDPOINT} (default
 * {@value #DEFAULT_ENDPOINT}), {@code HF_HOME} (default {@code $XDG_CACHE_HOME/huggingface} or
 * {@code ~/.cache/huggingface}), {@code HF_HUB_CACHE} (default {@code $HF_HOME/hub}) and
 * {@code HF_HUB_OFFLINE=1} (never touch the network). The cache layout is theirs too, so a model one
 * tool downloaded the other finds: {@code models--ORG--NAME/blobs/<etag>},
 * {@code snapshots/<commit>/<file>} (a relative link to the blob) and {@code refs/<revision>} (the commit).
 *
 * <p>Files come from {@code {endpoint}/{repo}/resolve/{revision}/{file}}. Each is checked against the
 * checksum the hub sends as its ETag ({@code X-Linked-Etag} for LFS files: SHA-256 of the content;
 * otherwise the git blob SHA-1), downloaded into {@code <blob>.incomplete}, resumed with an HTTP Range
 * request after a broken connection (here, and by a later run), and renamed into place only when
 * complete and verified. A revision already in the cache is used without any network access.
 */
public final class HubDownloader {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    static final List<String> FILES = List.of(HfModelDirectory.CONFIG, HfModelDirectory.WEIGHTS, HfModelDirectory.TOKENIZER);
    private static final int ATTEMPTS = 4;
    /** A download that receives nothing for this long is dropped and resumed (the hub's CDN can stall). */
    static final Duration STALL = Duration.ofSeconds(60);

    private final String endpoint;
    private final Path cache;
    private final boolean offline;
    private final HttpClient http;
    private final Duration stall;

    HubDownloader(String endpoint, Path cache, boolean offline, Duration stall) {
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.cache = cache;
        this.offline = offline;
        this.stall = stall;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** Settings from environment variables {@code env} (normally {@code System.getenv()}). */
    public static HubDownloader fromEnvironment(Map<String, String> env) {
        String home = env.get("HF_HOME");
        Path hfHome;
        if (home != null && !home.isBlank()) {
            hfHome = Path.of(home);
        } else {
            String xdg = env.get("XDG_CACHE_HOME");
            hfHome = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("huggingface");
        }
        String hubCache = env.get("HF_HUB_CACHE");
        String offline = env.getOrDefault("HF_HUB_OFFLINE", "").toLowerCase(Locale.ROOT);
        return new HubDownloader(env.getOrDefault("HF_ENDPOINT", DEFAULT_ENDPOINT),
                hubCache != null && !hubCache.isBlank() ? Path.of(hubCache) : hfHome.resolve("hub"),
                offline.equals("1") || offline.equals("true") || offline.equals("yes") || offline.equals("on"), STALL);
    }

    /** The same settings with another stall timeout (tests). */
    HubDownloader withStallTimeout(Duration timeout) {
        return new HubDownloader(endpoint, cache, offline, timeout);
    }

    /** The cache directory of {@code id}'s repository. */
    public Path repoCache(HubId id) {
        return cache.resolve("models--" + id.repo().replace("/", "--"));
    }

    /**
     * The snapshot directory holding {@code id}'s model files, downloading what the cache lacks.
     *
     * @throws ModelException offline (or {@code HF_HUB_OFFLINE}) with files missing from the cache, a file
     *                        the repository does not have, or a download that fails its checksum
     */
    public Path snapshot(HubId id) {
        Optional<Path> cached = cachedSnapshot(id);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (offline) {
            throw missing(id, "HF_HUB_OFFLINE is set");
        }
        Path repo = repoCache(id);
        String commit = null;
        try {
            for (String file : FILES) {
                Remote r = head(id, file);
                if (commit == null) {
                    commit = r.commit().orElse(id.revision());
                }
                Path blob = repo.resolve("blobs").resolve(r.etag());
                if (!Files.isRegularFile(blob)) {
                    download(id, file, r, blob);
                }
                link(repo.resolve("snapshots").resolve(commit).resolve(file), blob);
            }
            if (!commit.equals(id.revision())) {
                Path ref = repo.resolve("refs").resolve(id.revision());
                Files.createDirectories(ref.getParent());
                Path tmp = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
                Files.writeString(tmp, commit, StandardCharsets.UTF_8);
                Files.move(tmp, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Unreachable e) {
            throw missing(id, "cannot reach " + endpoint + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(repo + ": cannot write the cache (" + e.getMessage() + ")", e);
        }
        return repo.resolve("snapshots").resolve(commit);
    }

    /** The complete snapshot of {@code id} in the cache, if there is one: no network. */
    private Optional<Path> cachedSnapshot(HubId id) {
        Path repo = repoCache(id);
        String commit = id.revision();
        Path ref = repo.resolve("refs").resolve(id.revision());
        if (!id.pinned() && Files.isRegularFile(ref)) {
            try {
                commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(ref + ": unreadable (" + e.getMessage() + ")", e);
            }
        }
        Path dir = repo.resolve("snapshots").resolve(commit);
        return missingFiles(dir).isEmpty() ? Optional.of(dir) : Optional.empty();
    }

    private static List<String> missingFiles(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String f : FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) { // follows the link: a dangling one counts as missing
                missing.add(f);
            }
        }
        return missing;
    }

    private ModelException missing(HubId id, String why) {
        Path repo = repoCache(id);
        Path ref = repo.resolve("refs").resolve(id.revision());
        String commit = id.revision();
        try {
            if (Files.isRegularFile(ref)) {
                commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException ignored) {
            // report the revision's own directory then
        }
        Path dir = repo.resolve("snapshots").resolve(commit);
        return new ModelException("hf:" + id + ": not in the cache and not downloadable (" + why + "); missing from "
                + dir + ": " + String.join(", ", missingFiles(dir))
                + ". Download it once with network access (HF_ENDPOINT and HF_HOME choose the server and the cache)");
    }

    /** What the hub says about one file, before downloading it. */
    private record Remote(URI url, String etag, long size, Optional<String> commit) {
    }

    private Remote head(HubId id, String file) throws IOException {
        URI url = URI.create(endpoint + "/" + id.repo() + "/resolve/" + id.revision() + "/" + file);
        HttpResponse<Void> r = send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept-Encoding", "identity").build(), HttpResponse.BodyHandlers.discarding());
        // A renamed repository answers with a relative redirect to its new name: follow those.
        for (int hops = 0; r.statusCode() / 100 == 3 && header(r.headers(), "X-Linked-Etag") == null
                && header(r.headers(), "ETag") == null && hops < 5; hops++) {
            url = url.resolve(header(r.headers(), "Location"));
            r = send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        if (r.statusCode() == 404 || r.statusCode() == 401 || r.statusCode() == 403) {
            throw new ModelException(notFound(id, file, r.statusCode()));
        }
        if (r.statusCode() / 100 != 2 && r.statusCode() / 100 != 3) {
            throw new ModelException(url + ": HTTP " + r.statusCode() + " from the hub");
        }
        HttpHeaders h = r.headers();
        String etag = Optional.ofNullable(header(h, "X-Linked-Etag")).orElse(header(h, "ETag"));
        if (etag == null) {
            throw new ModelException(url + ": the hub sent no ETag; cannot cache or verify " + file);
        }
        etag = etag.replaceFirst("^W/", "").replace("\"", "");
        if (!etag.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new ModelException(url + ": unexpected ETag '" + etag + "'");
        }
        String size = Optional.ofNullable(header(h, "X-Linked-Size")).orElse(header(h, "Content-Length"));
        URI download = r.statusCode() / 100 == 3 ? url.resolve(header(h, "Location")) : url;
        return new Remote(download, etag, size == null ? -1 : Long.parseLong(size.strip()),
                Optional.ofNullable(header(h, "X-Repo-Commit")));
    }

    private String notFound(HubId id, String file, int status) throws IOException {
        String what = "hf:" + id + ": has no " + file + " (HTTP " + status + " from " + endpoint + ")";
        if (file.equals(HfModelDirectory.WEIGHTS)) {
            URI bin = URI.create(endpoint + "/" + id.repo() + "/resolve/" + id.revision() + "/" + HfModelDirectory.PICKLED_WEIGHTS);
            int s = send(HttpRequest.newBuilder(bin).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (s / 100 == 2 || s / 100 == 3) {
                return what + "; it has only " + HfModelDirectory.PICKLED_WEIGHTS + ", which attnlab does not read."
                        + " Look for a revision with " + HfModelDirectory.WEIGHTS + " (the hub's safetensors conversion"
                        + " bot opens one as a pull request: hf:" + id.repo() + "@refs/pr/N)";
            }
        }
        return what + "; attnlab needs " + String.join(", ", FILES) + " (model directories of "
                + Architecture.supported() + ")";
    }

    /** Downloads into {@code blob}.incomplete, resuming what is there, verifies and renames it into place. */
    private void download(HubId id, String file, Remote r, Path blob) throws IOException {
        Files.createDirectories(blob.getParent());
        Path partial = blob.resolveSibling(blob.getFileName() + ".incomplete");
        System.err.printf(Locale.ROOT, "downloading hf:%s %s (%s) from %s ...%n", id, file,
                r.size() < 0 ? "size unknown" : String.format(Locale.ROOT, "%.1f MB", r.size() / 1e6), endpoint);
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                fetch(r.url(), partial);
                last = null;
                break;
            } catch (Unreachable e) {
                throw e;
            } catch (IOException e) { // a broken connection: the next attempt resumes from what arrived
                last = e;
            }
        }
        if (last != null) {
            throw new ModelException("hf:" + id + ": downloading " + file + " failed " + ATTEMPTS + " times (" + last
                    + "); " + Files.size(partial) + " bytes kept in " + partial + ", a later run resumes from there", last);
        }
        long size = Files.size(partial);
        if (r.size() >= 0 && size != r.size()) {
            Files.delete(partial);
            throw new ModelException("hf:" + id + ": " + file + " arrived with " + size + " bytes, the hub announced "
                    + r.size() + "; deleted, try again");
        }
        verify(id, file, r.etag(), partial);
        Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void fetch(URI url, Path partial) throws IOException {
        long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        HttpRequest.Builder req = HttpRequest.newBuilder(url).header("Accept-Encoding", "identity").GET();
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> r = send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            boolean resumed = r.statusCode() == 206;
            if (r.statusCode() == 416 && have > 0) {
                return; // the range starts at the end: the partial file is already complete
            }
            if (r.statusCode() != 200 && !resumed) {
                throw new ModelException(url + ": HTTP " + r.statusCode() + " while downloading");
            }
            if (resumed && !r.headers().firstValue("Content-Range").orElse("").startsWith("bytes " + have + "-")) {
                throw new IOException("the server resumed at the wrong offset (" + r.headers().firstValue("Content-Range") + ")");
            }
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                copyUnlessStalled(in, out);
            }
        }
    }

    /**
     * Copies {@code in} to {@code out}; a watchdog closes {@code in} when no byte arrived for {@link #stall}
     * (the HTTP client's timeouts end at the response headers), so the read fails and the caller resumes.
     */
    private void copyUnlessStalled(InputStream in, OutputStream out) throws IOException {
        AtomicLong received = new AtomicLong();
        AtomicBoolean stalled = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            long seen = -1;
            try {
                while (true) {
                    Thread.sleep(stall.toMillis());
                    long now = received.get();
                    if (now == seen) {
                        stalled.set(true);
                        in.close();
                        return;
                    }
                    seen = now;
                }
            } catch (InterruptedException | IOException done) {
                // the copy finished (interrupt), or closing failed and the read fails by itself
            }
        }, "hub-download-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                received.addAndGet(n);
            }
        } catch (IOException e) {
            throw stalled.get() ? new IOException("nothing received for " + stall.toSeconds() + " s", e) : e;
        } finally {
            watchdog.interrupt();
        }
        if (stalled.get()) {
            throw new IOException("nothing received for " + stall.toSeconds() + " s");
        }
    }

    /** SHA-256 for LFS files (64 hex digits), git's blob SHA-1 for the others (40 hex digits). */
    private static void verify(HubId id, String file, String etag, Path partial) throws IOException {
        String algorithm = etag.matches("[0-9a-f]{64}") ? "SHA-256" : etag.matches("[0-9a-f]{40}") ? "SHA-1" : null;
        if (algorithm == null) {
            return; // an ETag that is no content hash: nothing to verify against
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
        if (algorithm.equals("SHA-1")) {
            digest.update(("blob " + Files.size(partial) + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        try (InputStream in = Files.newInputStream(partial)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        String got = HexFormat.of().formatHex(digest.digest());
        if (!got.equals(etag)) {
            Files.delete(partial);
            throw new ModelException("hf:" + id + ": " + file + " failed its checksum (" + algorithm + " " + got
                    + ", the hub says " + etag + "); deleted, try again");
        }
    }

    /** {@code link} -> {@code blob} as a relative symbolic link (a copy where links are not allowed), atomically. */
    private static void link(Path link, Path blob) throws IOException {
        Files.createDirectories(link.getParent());
        Path tmp = link.resolveSibling("." + link.getFileName() + ".link-" + System.nanoTime());
        try {
            Files.createSymbolicLink(tmp, link.getParent().relativize(blob));
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(blob, tmp);
        }
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String header(HttpHeaders h, String name) {
        return h.firstValue(name).orElse(null);
    }

    /** No connection to the endpoint at all (as opposed to one that broke). */
    private static final class Unreachable extends IOException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException
                 | java.nio.channels.UnresolvedAddressException e) {
            throw new Unreachable(e.toString(), e);
        } catch (IOException e) {
            if (e.getCause() instanceof java.net.ConnectException || e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
                throw new Unreachable(e.getCause().toString(), e);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
