package org.attnlab.model.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.attnlab.model.ModelException;
import org.attnlab.model.hf.onnx.BertOnnxGraph;
import org.attnlab.model.hf.onnx.HfTensor;
import org.attnlab.model.hf.onnx.OnnxReader;
import org.attnlab.io.Directories;
import org.attnlab.io.Json;

/**
 * Turns a PyTorch ONNX export of a Hugging Face BERT encoder plus its {@code tokenizer.json} into an
 * attnlab model directory ({@link HfModelDirectory}): {@code config.json} derived from the graph,
 * {@code model.safetensors} with HF names and orientation, and the tokenizer with its built-in
 * truncation and padding removed (attnlab decides both itself).
 *
 * <p>The directory is built under a hidden sibling name and renamed into place, so a failed or
 * interrupted import never leaves a half-written model directory behind.
 */
public final class OnnxBertImporter {

    /**
     * What to import.
     *
     * @param source        provenance recorded in {@code config.json}, e.g. Maven coordinates and entry
     * @param onnxName      how error messages name the ONNX file
     * @param tokenizerName how error messages name the tokenizer file
     */
    public record Artifact(String source, String onnxName, byte[] onnx, String tokenizerName, byte[] tokenizerJson) {
    }

    private static final ObjectMapper JSON = Json.PLAIN;

    private OnnxBertImporter() {
    }

    /**
     * Imports {@code artifact} into {@code target}.
     *
     * @param replace replace an existing model directory (only one holding a {@code config.json}, or an
     *                empty one, so a mistyped {@code --out} cannot delete unrelated files)
     * @throws ModelException           the ONNX or tokenizer is not what was expected
     * @throws IllegalArgumentException {@code target} exists and {@code replace} is false, or it is not a
     *                                  model directory
     */
    public static BertConfig importModel(Artifact artifact, Path target, boolean replace) {
        Path absolute = target.toAbsolutePath().normalize();
        checkReplaceable(absolute, target, replace);
        Path work = absolute.resolveSibling("." + absolute.getFileName() + ".importing-" + UUID.randomUUID());
        try {
            Files.createDirectories(absolute.getParent());
            Files.createDirectory(work);
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot create the model directory (" + e + ")", e);
        }
        try {
            BertConfig config = build(artifact, new HfModelDirectory(work));
            try {
                install(work, absolute, target, replace);
            } catch (IOException e) {
                throw new UncheckedIOException(target + ": cannot move the imported model into place (" + e + ")", e);
            }
            return config;
        } catch (Throwable e) { // anything, OutOfMemoryError included: never leave the half-built directory
            try {
                Directories.deleteTree(work);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void checkReplaceable(Path absolute, Path target, boolean replace) {
        if (!Files.exists(absolute)) {
            return;
        }
        if (!replace) {
            throw new IllegalArgumentException(target + ": already exists; use --force to replace it");
        }
        if (!Files.isDirectory(absolute) || !(Files.isRegularFile(absolute.resolve(HfModelDirectory.CONFIG))
                || isEmptyDirectory(absolute))) {
            throw new IllegalArgumentException(target + ": exists and is not a model directory (no "
                    + HfModelDirectory.CONFIG + "); refusing to replace it");
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list (" + e + ")", e);
        }
    }

    private static BertConfig build(Artifact artifact, HfModelDirectory dir) {
        BertOnnxGraph bert = BertOnnxGraph.recognise(OnnxReader.read(artifact.onnx(), artifact.onnxName()),
                artifact.onnxName());
        BertConfig config = bert.config();
        try {
            writeSafetensors(bert.tensors(), dir.weights());
            writeTokenizer(artifact, config.vocabSize(), dir.tokenizer());
            ObjectNode json = config.toJson();
            json.putObject("attnlab_import").put("source", artifact.source())
                    .put("onnx_sha256", sha256(artifact.onnx()));
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.config().toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(dir.root() + ": cannot write (" + e + ")", e);
        }
        return config;
    }

    private static void writeSafetensors(List<HfTensor> tensors, Path file) throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            NDList list = new NDList();
            for (HfTensor t : tensors) {
                NDArray a = manager.create(t.data(), new Shape(t.shape()));
                a.setName(t.name());
                list.add(a);
            }
            list.encode(out, NDList.Encoding.SAFETENSORS);
        }
    }

    /**
     * Copies the tokenizer with {@code truncation} and {@code padding} set to null, everything else
     * as it was. Checks first that every token id has an embedding row.
     */
    private static void writeTokenizer(Artifact artifact, int vocabSize, Path file) throws IOException {
        String name = artifact.tokenizerName();
        JsonNode root;
        try {
            root = JSON.readTree(artifact.tokenizerJson());
        } catch (IOException e) {
            throw new ModelException(name + ": not readable as JSON (" + e.getMessage() + ")", e);
        }
        JsonNode vocab = root == null ? null : root.path("model").get("vocab");
        if (!(root instanceof ObjectNode tokenizer) || vocab == null || !vocab.isObject()) {
            throw new ModelException(name + ": expected a Hugging Face tokenizer.json with a model.vocab object");
        }
        int maxId = -1;
        for (JsonNode id : vocab) {
            maxId = Math.max(maxId, id.asInt(Integer.MAX_VALUE));
        }
        for (JsonNode added : root.path("added_tokens")) {
            maxId = Math.max(maxId, added.path("id").asInt(Integer.MAX_VALUE));
        }
        if (maxId >= vocabSize) {
            throw new ModelException(name + ": token id " + maxId + " has no row in the model's " + vocabSize
                    + " word embeddings; expected the tokenizer that belongs to this model");
        }
        tokenizer.putNull("truncation");
        tokenizer.putNull("padding");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), tokenizer);
    }

    /** Renames the finished directory into place; a replaced one is moved aside first, then deleted. */
    private static void install(Path work, Path absolute, Path target, boolean replace) throws IOException {
        if (!replace || !Files.exists(absolute)) {
            try {
                Files.move(work, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw new IllegalArgumentException(target + ": already exists (created while importing)", e);
            }
            return;
        }
        Directories.replace(work, absolute);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
