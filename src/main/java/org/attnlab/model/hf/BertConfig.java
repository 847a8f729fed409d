package org.attnlab.model.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.model.ModelException;
import org.attnlab.io.Json;

/**
 * The subset of a Hugging Face BERT {@code config.json} that attnlab uses. Keys are the HF ones, so
 * a directory written by attnlab loads in Hugging Face tools and vice versa.
 *
 * <p>{@code labels} comes from {@code id2label}; it is empty for an encoder ({@code BertModel}).
 * {@code pooling} is attnlab's own key {@code attnlab_pooling}: {@code "cls-pooler"} (HF's
 * {@code BertForSequenceClassification}: tanh dense layer on [CLS]) when absent, or {@code "mean"}
 * (mean over real tokens of the last hidden state, no pooler weights).
 */
public record BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize,
                         int maxPositions, int typeVocabSize, double layerNormEps, String hiddenAct,
                         List<String> labels, Pooling pooling) {

    public enum Pooling {
        CLS_POOLER("cls-pooler"), MEAN("mean");

        public final String key;

        Pooling(String key) {
            this.key = key;
        }

        static Pooling of(String key, Path file) {
            for (Pooling p : values()) {
                if (p.key.equals(key)) {
                    return p;
                }
            }
            throw new ModelException(file + ": attnlab_pooling must be \"cls-pooler\" or \"mean\", got \"" + key + "\"");
        }
    }

    private static final ObjectMapper JSON = Json.PLAIN;

    public BertConfig {
        labels = List.copyOf(labels);
        if (hiddenSize % heads != 0) {
            throw new ModelException("hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + heads);
        }
        if (!hiddenAct.equals("gelu")) {
            throw new ModelException("hidden_act \"" + hiddenAct + "\" is not supported (only \"gelu\", exact erf form)");
        }
    }

    public int headSize() {
        return hiddenSize / heads;
    }

    public boolean isClassifier() {
        return !labels.isEmpty();
    }

    /** Same configuration with a classification head for {@code newLabels}. */
    public BertConfig withHead(List<String> newLabels, Pooling newPooling) {
        return new BertConfig(vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions,
                typeVocabSize, layerNormEps, hiddenAct, newLabels, newPooling);
    }

    /** Reads and validates {@code config.json}; every problem names the file and key. */
    public static BertConfig read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelException(file + ": not readable as JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelException(file + ": expected a JSON object");
        }
        String type = root.path("model_type").asText("bert");
        if (!type.equals("bert")) {
            throw new ModelException(file + ": model_type \"" + type + "\" is not supported (only \"bert\")");
        }
        List<String> labels = new ArrayList<>();
        JsonNode id2label = root.get("id2label");
        boolean head = root.path("architectures").toString().contains("ForSequenceClassification");
        if (head) {
            if (id2label == null || !id2label.isObject() || id2label.isEmpty()) {
                throw new ModelException(file + ": a sequence classifier needs id2label");
            }
            for (int i = 0; i < id2label.size(); i++) {
                JsonNode l = id2label.get(Integer.toString(i));
                if (l == null) {
                    throw new ModelException(file + ": id2label has no entry \"" + i + "\"");
                }
                labels.add(l.asText());
            }
        }
        return new BertConfig(
                positive(root, "vocab_size", file), positive(root, "hidden_size", file),
                positive(root, "num_hidden_layers", file), positive(root, "num_attention_heads", file),
                positive(root, "intermediate_size", file), positive(root, "max_position_embeddings", file),
                root.path("type_vocab_size").asInt(2), root.path("layer_norm_eps").asDouble(1e-12),
                root.path("hidden_act").asText("gelu"), labels,
                Pooling.of(root.path("attnlab_pooling").asText(Pooling.CLS_POOLER.key), file));
    }

    private static int positive(JsonNode root, String key, Path file) {
        JsonNode n = root.get(key);
        if (n == null || !n.canConvertToInt() || n.asInt() < 1) {
            throw new ModelException(file + ": " + key + " must be a positive integer, got " + n);
        }
        return n.asInt();
    }

    /** The HF {@code config.json} for this configuration; {@code extra} entries are added verbatim. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.putArray("architectures").add(isClassifier() ? "BertForSequenceClassification" : "BertModel");
        o.put("model_type", "bert");
        o.put("vocab_size", vocabSize);
        o.put("hidden_size", hiddenSize);
        o.put("num_hidden_layers", layers);
        o.put("num_attention_heads", heads);
        o.put("intermediate_size", intermediateSize);
        o.put("max_position_embeddings", maxPositions);
        o.put("type_vocab_size", typeVocabSize);
        o.put("layer_norm_eps", layerNormEps);
        o.put("hidden_act", hiddenAct);
        o.put("hidden_dropout_prob", 0.1);
        o.put("attention_probs_dropout_prob", 0.1);
        o.put("pad_token_id", 0);
        if (isClassifier()) {
            ObjectNode id2label = o.putObject("id2label");
            ObjectNode label2id = o.putObject("label2id");
            for (int i = 0; i < labels.size(); i++) {
                id2label.put(Integer.toString(i), labels.get(i));
                label2id.put(labels.get(i), i);
            }
            o.put("attnlab_pooling", pooling.key);
        }
        return o;
    }

    public void write(Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
    }
}
