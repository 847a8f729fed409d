package org.attnlab.model.djl.rnn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.attnlab.model.ModelException;

/**
 * Shape of one of the papers' attention classifiers: word embedding, encoder, one attention layer
 * with a single query, linear output layer, softmax (also for two classes).
 *
 * @param encoder       what turns embeddings into hidden states
 * @param attention     how hidden states are scored before the masked softmax
 * @param embeddingDim  word embedding size
 * @param hiddenSize    per direction for {@code bilstm}/{@code bigru} (output 2H); filters per kernel
 *                      size for {@code cnn} (output H x kernels); projection size for {@code average};
 *                      always equal to {@code embeddingDim} for {@code none}
 * @param attentionDim  size of the tanh layer of additive attention (J&amp;W: half the encoder output;
 *                      S&amp;S: 100); 0 for dot and uniform attention, which have none
 * @param kernelSizes   odd convolution widths for {@code cnn} (same padding); empty otherwise
 * @param maxLength     most tokens per input, the start and end markers included
 * @param minCount      vocabulary: least number of training occurrences for a word to get its own id
 * @param maxVocabulary vocabulary: most entries, the four special tokens included
 * @param dropout       dropout rate on the word embeddings during {@code trainStep}; 0 disables it
 * @param labels        class names in output order (at least two)
 * @param output        {@link Output#SOFTMAX}: one logit per class; {@link Output#SIGMOID} (two classes
 *                      only): one linear unit z, logits (0, z), so the probability of the second class
 *                      is sigmoid(z), as Jain &amp; Wallace's decoder Linear(H, 1) + sigmoid
 */
public record RnnAttentionConfig(Encoder encoder, Attention attention, int embeddingDim, int hiddenSize,
                                 int attentionDim, List<Integer> kernelSizes, int maxLength, int minCount,
                                 int maxVocabulary, double dropout, List<String> labels, Output output) {

    /** A softmax head: one logit per class. */
    public RnnAttentionConfig(Encoder encoder, Attention attention, int embeddingDim, int hiddenSize,
                              int attentionDim, List<Integer> kernelSizes, int maxLength, int minCount,
                              int maxVocabulary, double dropout, List<String> labels) {
        this(encoder, attention, embeddingDim, hiddenSize, attentionDim, kernelSizes, maxLength, minCount, maxVocabulary,
                dropout, labels, Output.SOFTMAX);
    }

    /** The output layer; {@link #key} is the name in {@code config.json} and specs. */
    public enum Output {
        SOFTMAX("softmax"), SIGMOID("sigmoid");

        public final String key;

        Output(String key) {
            this.key = key;
        }

        public static Output of(String key) {
            for (Output o : values()) {
                if (o.key.equals(key)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("output must be softmax or sigmoid, got \"" + key + "\"");
        }
    }

    /** Rows of {@code output.weight}: one per class, or one for a sigmoid head. */
    public int outputUnits() {
        return output == Output.SIGMOID ? 1 : labels.size();
    }

    /** The value of {@code model_type} in {@code config.json}. */
    public static final String MODEL_TYPE = "attnlab-rnn-attention";

    /** Encoder kinds; {@link #key} is the name used in {@code config.json} and on the command line. */
    public enum Encoder {
        BILSTM("bilstm"), BIGRU("bigru"), CNN("cnn"), AVERAGE("average"), NONE("none");

        public final String key;

        Encoder(String key) {
            this.key = key;
        }

        public static Encoder of(String key) {
            for (Encoder e : values()) {
                if (e.key.equals(key)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("encoder must be bilstm, bigru, cnn, average or none, got \"" + key + "\"");
        }
    }

    /**
     * Attention scoring: {@code additive} = v . tanh(W h + b); {@code dot} = w . h / sqrt(H); {@code uniform}
     * scores every position alike, so alpha is exactly 1/n over the n attendable tokens, with no attention
     * parameters (Wiegreffe &amp; Pinter's frozen uniform baseline, their {@code generate_frozen_uniform_attn}).
     */
    public enum Attention {
        ADDITIVE("additive"), DOT("dot"), UNIFORM("uniform");

        public final String key;

        Attention(String key) {
            this.key = key;
        }

        public static Attention of(String key) {
            for (Attention a : values()) {
                if (a.key.equals(key)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("attention must be additive, dot or uniform, got \"" + key + "\"");
        }
    }

    public RnnAttentionConfig {
        labels = List.copyOf(labels);
        kernelSizes = encoder == Encoder.CNN ? List.copyOf(kernelSizes) : List.of();
        if (encoder == Encoder.NONE) {
            hiddenSize = embeddingDim;
        }
        if (attention != Attention.ADDITIVE) {
            attentionDim = 0;
        }
        if (embeddingDim < 1 || hiddenSize < 1 || (attention == Attention.ADDITIVE && attentionDim < 1)) {
            throw new IllegalArgumentException("embeddingDim=" + embeddingDim + " hiddenSize=" + hiddenSize
                    + " attentionDim=" + attentionDim + ": sizes must be >= 1");
        }
        if (encoder == Encoder.CNN && (kernelSizes.isEmpty() || kernelSizes.stream().anyMatch(k -> k < 1 || k % 2 == 0))) {
            throw new IllegalArgumentException("cnn needs odd kernel sizes (same padding), got " + kernelSizes);
        }
        if (maxLength < 3) {
            throw new IllegalArgumentException("maxLength must be >= 3 (start, one word, end), got " + maxLength);
        }
        if (minCount < 1 || maxVocabulary < Vocabulary.SPECIALS.size() + 1) {
            throw new IllegalArgumentException("minCount must be >= 1 and maxVocabulary > "
                    + Vocabulary.SPECIALS.size() + ", got " + minCount + ", " + maxVocabulary);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (labels.size() < 2 || new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("labels must be at least two distinct names, got " + labels);
        }
        java.util.Objects.requireNonNull(output, "output");
        if (output == Output.SIGMOID && labels.size() != 2) {
            throw new IllegalArgumentException("a sigmoid output needs exactly two labels, got " + labels);
        }
    }

    /**
     * Jain &amp; Wallace's models: 300-d embeddings; BiLSTM 128 per direction, CNN 32 filters for each of
     * kernels 1, 3, 5, 7 (their {@code configurations.py}: hidden_size // len(kernels) = 128 // 4, a 128-d
     * output), average 128 (bigru, not in their paper, 128 per direction); additive attention with
     * W: H -&gt; H/2; vocabulary min count 5; at most 512 tokens; no dropout; a softmax head (their
     * sigmoid head is {@link Output#SIGMOID}).
     */
    public static RnnAttentionConfig jainWallace(Encoder encoder, Attention attention, List<String> labels) {
        int hidden = encoder == Encoder.CNN ? 32 : 128;
        int output = outputSize(encoder, 300, hidden, 4);
        return new RnnAttentionConfig(encoder, attention, 300, hidden, output / 2, List.of(1, 3, 5, 7), 512, 5,
                Integer.MAX_VALUE, 0, labels);
    }

    /**
     * Serrano &amp; Smith's flat (FLAN) models: 200-d embeddings; biGRU 50 per direction; additive
     * attention with a 100-d context layer. Their conv encoder is approximated by ours with 50 filters
     * for each of kernels 1, 3, 5, 7 (our choice, not theirs).
     */
    public static RnnAttentionConfig serranoSmith(Encoder encoder, List<String> labels) {
        return new RnnAttentionConfig(encoder, Attention.ADDITIVE, 200, 50, 100, List.of(1, 3, 5, 7), 512, 5,
                Integer.MAX_VALUE, 0, labels);
    }

    /** Size of one hidden state as the attention sees it. */
    public int encoderOutputSize() {
        return outputSize(encoder, embeddingDim, hiddenSize, kernelSizes.size());
    }

    private static int outputSize(Encoder encoder, int embeddingDim, int hidden, int kernels) {
        return switch (encoder) {
            case BILSTM, BIGRU -> 2 * hidden;
            case CNN -> hidden * kernels;
            case AVERAGE -> hidden;
            case NONE -> embeddingDim;
        };
    }

    /** Writes every field into {@code o} under snake_case keys, with {@code model_type} first. */
    void writeTo(ObjectNode o) {
        o.put("model_type", MODEL_TYPE);
        o.put("encoder", encoder.key);
        o.put("attention", attention.key);
        o.put("embedding_dim", embeddingDim);
        o.put("hidden_size", hiddenSize);
        o.put("attention_dim", attentionDim);
        ArrayNode kernels = o.putArray("kernel_sizes");
        kernelSizes.forEach(kernels::add);
        o.put("max_length", maxLength);
        o.put("min_count", minCount);
        o.put("max_vocabulary", maxVocabulary);
        o.put("dropout", dropout);
        ArrayNode l = o.putArray("labels");
        labels.forEach(l::add);
        if (output != Output.SOFTMAX) {
            // Only when not the default: configs written before the option read back unchanged.
            o.put("output", output.key);
        }
    }

    /** Reads what {@link #writeTo} wrote; every problem names {@code file} and the key. */
    static RnnAttentionConfig readFrom(JsonNode root, Path file) {
        String type = root.path("model_type").asText("");
        if (!type.equals(MODEL_TYPE)) {
            throw new ModelException(file + ": model_type must be \"" + MODEL_TYPE + "\", got \"" + type + "\"");
        }
        try {
            List<Integer> kernels = new ArrayList<>();
            root.path("kernel_sizes").forEach(k -> kernels.add(k.asInt()));
            List<String> labels = new ArrayList<>();
            root.path("labels").forEach(l -> labels.add(l.asText()));
            return new RnnAttentionConfig(Encoder.of(text(root, "encoder", file)), Attention.of(text(root, "attention", file)),
                    integer(root, "embedding_dim", file), integer(root, "hidden_size", file),
                    integer(root, "attention_dim", file), kernels, integer(root, "max_length", file),
                    integer(root, "min_count", file), integer(root, "max_vocabulary", file),
                    root.path("dropout").asDouble(0), labels, Output.of(root.path("output").asText(Output.SOFTMAX.key)));
        } catch (IllegalArgumentException e) {
            throw new ModelException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String key, Path file) {
        JsonNode n = root.get(key);
        if (n == null || !n.isTextual()) {
            throw new ModelException(file + ": " + key + " must be a string, got " + n);
        }
        return n.asText();
    }

    private static int integer(JsonNode root, String key, Path file) {
        JsonNode n = root.get(key);
        if (n == null || !n.canConvertToInt()) {
            throw new ModelException(file + ": " + key + " must be an integer, got " + n);
        }
        return n.asInt();
    }
}
