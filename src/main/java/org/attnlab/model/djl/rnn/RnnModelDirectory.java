package org.attnlab.model.djl.rnn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.attnlab.model.ModelException;
import org.attnlab.io.Directories;
import org.attnlab.io.Json;

/**
 * The on-disk form of an RNN attention model: {@code config.json} (the {@link RnnAttentionConfig}
 * under {@code model_type "attnlab-rnn-attention"}, plus {@code vocab_size} and the tokenizer's
 * {@code token_regex}), {@code model.safetensors} (the named tensors of {@link RnnWeights}, in the
 * model's precision) and {@code vocab.json} ({@code {"tokens": [...]}} in id order).
 */
final class RnnModelDirectory {

    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.safetensors";
    static final String VOCAB = "vocab.json";

    private static final ObjectMapper JSON = Json.PLAIN;

    /** What {@link #read} found. */
    record Contents(RnnAttentionConfig config, Vocabulary vocabulary, RnnWeights weights) {
    }

    private RnnModelDirectory() {
    }

    /**
     * Writes a complete directory beside {@code dir} and moves it into place. An existing {@code dir}
     * is replaced only if it is empty or itself an RNN attention model (a checkpoint being updated).
     */
    static void write(Path dir, RnnAttentionConfig config, Vocabulary vocabulary, RnnWeights weights) {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            if (Files.exists(target)) {
                requireReplaceable(target);
            }
            tmp = Directories.stageBeside(target);
            ObjectNode root = JSON.createObjectNode();
            config.writeTo(root);
            root.put("vocab_size", vocabulary.size());
            root.put("token_regex", Vocabulary.TOKEN_REGEX);
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(CONFIG).toFile(), root);
            vocabulary.write(tmp.resolve(VOCAB));
            weights.write(tmp.resolve(WEIGHTS));
            Directories.replace(tmp, target);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": could not write the model directory (" + e.getMessage() + ")", e);
        } finally {
            Directories.deleteQuietly(tmp);
        }
    }

    static Contents read(Path dir, NDManager manager, DataType dtype) {
        if (!Files.isDirectory(dir)) {
            throw new ModelException(dir + ": not a directory");
        }
        Path configFile = require(dir.resolve(CONFIG));
        Path vocabFile = require(dir.resolve(VOCAB));
        Path weightsFile = require(dir.resolve(WEIGHTS));
        JsonNode root = readJson(configFile);
        RnnAttentionConfig config = RnnAttentionConfig.readFrom(root, configFile);
        String regex = root.path("token_regex").asText("");
        if (!regex.equals(Vocabulary.TOKEN_REGEX)) {
            throw new ModelException(configFile + ": token_regex " + regex + " is not this attnlab's tokenizer "
                    + Vocabulary.TOKEN_REGEX + "; the model would see different words than it was trained on");
        }
        Vocabulary vocabulary = Vocabulary.read(vocabFile);
        JsonNode size = root.get("vocab_size");
        if (size == null || size.asInt(-1) != vocabulary.size()) {
            throw new ModelException(configFile + ": vocab_size " + size + " does not match the " + vocabulary.size()
                    + " entries of " + vocabFile);
        }
        return new Contents(config, vocabulary, RnnWeights.read(weightsFile, config, vocabulary.size(), manager, dtype));
    }

    private static void requireReplaceable(Path target) throws IOException {
        boolean empty;
        try (Stream<Path> entries = Files.list(target)) {
            empty = entries.findAny().isEmpty();
        }
        Path config = target.resolve(CONFIG);
        boolean ours = Files.isRegularFile(config)
                && readJson(config).path("model_type").asText("").equals(RnnAttentionConfig.MODEL_TYPE);
        if (!empty && !ours) {
            throw new IllegalArgumentException(target + ": exists and is not an RNN attention model directory;"
                    + " refusing to replace it");
        }
    }

    private static Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException(file + ": missing (an RNN attention model directory has " + CONFIG + ", "
                    + WEIGHTS + " and " + VOCAB + ")");
        }
        return file;
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new ModelException(file + ": expected a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new ModelException(file + ": not readable as JSON (" + e.getMessage() + ")", e);
        }
    }
}
