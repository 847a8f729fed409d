package org.attnlab.model.hf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Hugging Face hub on 127.0.0.1 (a free port, loopback only): serves the files of one
 * directory as repository {@link #REPO} at every revision, in the hub's URL layout and with its headers.
 * Small files answer {@code /ORG/NAME/resolve/REV/FILE} directly with the git blob SHA-1 as ETag;
 * {@code model.safetensors} and {@code pytorch_model.bin} are "LFS" files: a 302 to {@code /cdn/<sha256>}
 * carrying {@code X-Linked-Etag} (the SHA-256) and {@code X-Linked-Size}, as the hub does. The CDN honours
 * Range requests and can be told to cut the connection part-way through a download.
 */
final class LoopbackHub implements AutoCloseable {

    static final String REPO = "attnlab-test/tiny-roberta";
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final List<String> LFS = List.of("model.safetensors", "pytorch_model.bin");

    private final HttpServer server;
    private final Path dir;
    /** Every request as "METHOD path [Range]". */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Files whose body is replaced (headers unchanged): a corrupted transfer. */
    final Map<String, byte[]> corrupt = new ConcurrentHashMap<>();
    /** Bytes after which the next CDN download is cut off (negative: never). */
    volatile long cutAfter = -1;
    /** Bytes after which the next CDN download stops sending, connection open (negative: never). */
    volatile long stallAfter = -1;

    LoopbackHub(Path dir) throws IOException {
        this.dir = dir;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-hub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(ex.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
        try (ex) {
            String prefix = "/" + REPO + "/resolve/";
            if (path.startsWith("/cdn/")) {
                serveCdn(ex, path.substring("/cdn/".length()), range);
                return;
            }
            if (!path.startsWith(prefix) || path.substring(prefix.length()).split("/").length != 2) {
                send(ex, 404, new byte[0]);
                return;
            }
            String file = path.substring(prefix.length()).split("/")[1];
            Path f = dir.resolve(file);
            if (!Files.isRegularFile(f)) {
                ex.getResponseHeaders().set("X-Error-Code", "EntryNotFound");
                send(ex, 404, new byte[0]);
                return;
            }
            byte[] bytes = Files.readAllBytes(f);
            ex.getResponseHeaders().set("X-Repo-Commit", COMMIT);
            if (LFS.contains(file)) {
                String sha = hex("SHA-256", bytes);
                ex.getResponseHeaders().set("X-Linked-Etag", "\"" + sha + "\"");
                ex.getResponseHeaders().set("X-Linked-Size", Long.toString(bytes.length));
                ex.getResponseHeaders().set("Location", "/cdn/" + file + "/" + sha);
                ex.sendResponseHeaders(302, -1);
                return;
            }
            MessageDigest blob = digest("SHA-1");
            blob.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
            ex.getResponseHeaders().set("ETag", "\"" + HexFormat.of().formatHex(blob.digest(bytes)) + "\"");
            send(ex, 200, corrupt.getOrDefault(file, bytes));
        }
    }

    private void serveCdn(HttpExchange ex, String key, String range) throws IOException {
        String file = key.split("/")[0];
        byte[] bytes = corrupt.getOrDefault(file, Files.readAllBytes(dir.resolve(file)));
        int from = 0;
        if (range != null) {
            from = Integer.parseInt(range.replaceFirst("bytes=(\\d+)-", "$1"));
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length - from));
            ex.sendResponseHeaders(range == null ? 200 : 206, -1);
            return;
        }
        ex.sendResponseHeaders(range == null ? 200 : 206, bytes.length - from);
        OutputStream out = ex.getResponseBody();
        long stall = stallAfter;
        if (stall >= 0 && stall < bytes.length - from) {
            stallAfter = -1;
            out.write(bytes, from, (int) stall);
            out.flush();
            try {
                Thread.sleep(30_000); // the client must give up long before
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("stalled");
        }
        long cut = cutAfter;
        if (cut >= 0 && cut < bytes.length - from) {
            cutAfter = -1;
            out.write(bytes, from, (int) cut);
            out.flush();
            // An exception out of a handler makes the JDK server close the connection: the client sees it break.
            throw new IOException("connection cut by the test after " + cut + " bytes");
        }
        out.write(bytes, from, bytes.length - from);
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    static String hex(String algorithm, byte[] bytes) {
        return HexFormat.of().formatHex(digest(algorithm).digest(bytes));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
