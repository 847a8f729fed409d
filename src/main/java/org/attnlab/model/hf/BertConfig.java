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
 * The subset of a Hugging Face {@code config.json} of a BERT-family model ({@link Architecture}) that
 * attnlab uses. Keys are the HF ones of each architecture, so a directory written by attnlab loads in
 * Hugging Face tools and vice versa.
 *
 * <p>{@code maxPositions} is the size of the position table ({@code max_position_embeddings});
 * {@link #maxTokens()} is the longest input, smaller for RoBERTa whose positions start after the
 * padding id. {@code embeddingSize} differs from {@code hiddenSize} only for ELECTRA.
 *
 * <p>{@code labels} comes from {@code id2label}; it is empty for an encoder ({@code BertModel}).
 * {@code pooling} is attnlab's own key {@code attnlab_pooling}: {@code "cls-pooler"} (HF's
 * {@code BertForSequenceClassification}: tanh dense layer on [CLS]) when absent, or {@code "mean"}
 * (mean over real tokens of the last hidden state, no pooler weights).
 */
public record BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize,
                         int maxPositions, int typeVocabSize, double layerNormEps, String hiddenAct,
                         List<String> labels, Pooling pooling, Architecture architecture, int embeddingSize,
                         int padTokenId) {

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

    /** A BERT configuration (embeddings of the hidden size, padding id 0). */
    public BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize, int maxPositions,
                      int typeVocabSize, double layerNormEps, String hiddenAct, List<String> labels, Pooling pooling) {
        this(vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions, typeVocabSize, layerNormEps,
                hiddenAct, labels, pooling, Architecture.BERT, hiddenSize, 0);
    }

    public BertConfig {
        labels = List.copyOf(labels);
        if (pooling == Pooling.MEAN && architecture != Architecture.BERT) {
            throw new ModelException("attnlab_pooling \"mean\" is only defined for BERT, not " + architecture.modelType);
        }
        if (architecture.positionsFromPadding && maxPositions <= padTokenId + 1) {
            throw new ModelException("max_position_embeddings " + maxPositions + " leaves no position after pad_token_id "
                    + padTokenId);
        }
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

    /** The longest input in tokens. */
    public int maxTokens() {
        return architecture.positionsFromPadding ? maxPositions - padTokenId - 1 : maxPositions;
    }

    public boolean isClassifier() {
        return !labels.isEmpty();
    }

    /** Same configuration with a classification head for {@code newLabels}. */
    public BertConfig withHead(List<String> newLabels, Pooling newPooling) {
        return new BertConfig(vocabSize, hiddenSize, layers, heads, intermediateSize, maxPositions,
                typeVocabSize, layerNormEps, hiddenAct, newLabels, newPooling, architecture, embeddingSize, padTokenId);
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
        Architecture arch = Architecture.ofModelType(type).orElseThrow(() -> new ModelException(file + ": model_type \""
                + type + "\" is not supported; attnlab loads " + Architecture.supported()));
        boolean head = false;
        for (JsonNode entry : root.path("architectures")) {
            String name = entry.asText();
            // Pretraining and masked-LM checkpoints hold the encoder under the same names; their heads are ignored.
            boolean known = name.equals(arch.classifierClass()) || name.equals(arch.encoderClass())
                    || name.equals(arch.classPrefix + "ForPreTraining") || name.equals(arch.classPrefix + "ForMaskedLM");
            if (!known) {
                throw new ModelException(file + ": architectures entry \"" + name + "\" is not supported; attnlab loads "
                        + Architecture.supported());
            }
            head |= name.equals(arch.classifierClass());
        }
        List<String> labels = new ArrayList<>();
        JsonNode id2label = root.get("id2label");
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
        List<String> keys = arch.configKeys();
        int hidden = positive(root, keys.get(1), file);
        try {
            return new BertConfig(
                    positive(root, keys.get(0), file), hidden, positive(root, keys.get(2), file),
                    positive(root, keys.get(3), file), positive(root, keys.get(4), file),
                    positive(root, "max_position_embeddings", file),
                    arch.hasTokenTypes ? root.path("type_vocab_size").asInt(2) : 0,
                    // DistilBERT's LayerNorms have eps 1e-12 built in; its config has no key for it.
                    arch == Architecture.DISTILBERT ? 1e-12 : root.path("layer_norm_eps").asDouble(1e-12),
                    root.path(keys.get(5)).asText("gelu"), labels,
                    Pooling.of(root.path("attnlab_pooling").asText(Pooling.CLS_POOLER.key), file), arch,
                    arch == Architecture.ELECTRA && root.has("embedding_size") ? positive(root, "embedding_size", file)
                            : hidden,
                    root.path("pad_token_id").asInt(arch == Architecture.ROBERTA ? 1 : 0));
        } catch (ModelException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : new ModelException(file + ": " + e.getMessage(), e);
        }
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
        o.putArray("architectures").add(isClassifier() ? architecture.classifierClass() : architecture.encoderClass());
        o.put("model_type", architecture.modelType);
        List<String> keys = architecture.configKeys();
        o.put(keys.get(0), vocabSize);
        o.put(keys.get(1), hiddenSize);
        o.put(keys.get(2), layers);
        o.put(keys.get(3), heads);
        o.put(keys.get(4), intermediateSize);
        o.put("max_position_embeddings", maxPositions);
        if (architecture.hasTokenTypes) {
            o.put("type_vocab_size", typeVocabSize);
        }
        if (architecture != Architecture.DISTILBERT) {
            o.put("layer_norm_eps", layerNormEps);
            o.put("hidden_dropout_prob", 0.1);
            o.put("attention_probs_dropout_prob", 0.1);
        }
        if (architecture == Architecture.ELECTRA) {
            o.put("embedding_size", embeddingSize);
        }
        o.put(keys.get(5), hiddenAct);
        o.put("pad_token_id", padTokenId);
        if (isClassifier()) {
            ObjectNode id2label = o.putObject("id2label");
            ObjectNode label2id = o.putObject("label2id");
            for (int i = 0; i < labels.size(); i++) {
                id2label.put(Integer.toString(i), labels.get(i));
                label2id.put(labels.get(i), i);
            }
            if (architecture == Architecture.BERT) {
                o.put("attnlab_pooling", pooling.key);
            }
        }
        return o;
    }

    public void write(Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
    }
}
