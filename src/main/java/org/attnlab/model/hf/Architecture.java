package org.attnlab.model.hf;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The BERT-family architectures attnlab loads. They share one post-LayerNorm encoder layer and differ
 * in their embeddings, their classification head, the names Hugging Face gives their tensors and the
 * keys of their {@code config.json}.
 *
 * <p>Inside attnlab every tensor has its BERT name ({@code embeddings.word_embeddings.weight},
 * {@code encoder.layer.0.attention.self.query.weight}, ...); head tensors keep their HF names
 * ({@code classifier.out_proj.weight}). {@link #canonicalName} and {@link #hfName} translate, so a
 * checkpoint saved by Hugging Face loads unchanged and one saved by attnlab loads in Hugging Face.
 */
public enum Architecture {
    /** {@code BertForSequenceClassification}: pooler (dense + tanh on [CLS]) then {@code classifier}. */
    BERT("bert", "Bert", "bert.", Head.BERT_POOLER, true, false, new String[0][]),
    /**
     * {@code RobertaForSequenceClassification}: position ids count the non-padding tokens and start at
     * {@code padding_idx + 1}; one token type; head {@code classifier.dense} + tanh + {@code classifier.out_proj}
     * on {@code <s>}, no pooler.
     */
    ROBERTA("roberta", "Roberta", "roberta.", Head.DENSE_TANH, true, true, new String[0][]),
    /**
     * {@code DistilBertForSequenceClassification}: no token types, LayerNorm eps fixed at 1e-12, head
     * {@code pre_classifier} + ReLU + {@code classifier} on [CLS], no pooler.
     */
    DISTILBERT("distilbert", "DistilBert", "distilbert.", Head.PRE_CLASSIFIER_RELU, false, false, new String[][] {
        {"transformer.layer.", "encoder.layer."},
        {".attention.q_lin.", ".attention.self.query."},
        {".attention.k_lin.", ".attention.self.key."},
        {".attention.v_lin.", ".attention.self.value."},
        {".attention.out_lin.", ".attention.output.dense."},
        {".sa_layer_norm.", ".attention.output.LayerNorm."},
        {".ffn.lin1.", ".intermediate.dense."},
        {".ffn.lin2.", ".output.dense."},
        {".output_layer_norm.", ".output.LayerNorm."},
    }),
    /**
     * {@code ElectraForSequenceClassification}: embeddings of {@code embedding_size}, projected to the
     * hidden size by {@code embeddings_project} when the two differ; head {@code classifier.dense} + GELU +
     * {@code classifier.out_proj} on [CLS].
     */
    ELECTRA("electra", "Electra", "electra.", Head.DENSE_GELU, true, false, new String[0][]);

    /** The classification heads, each applied to the last hidden state. */
    public enum Head {
        /** BERT: {@code pooler.dense} + tanh on the first token, then {@code classifier} (or mean pooling, attnlab's). */
        BERT_POOLER,
        /** RoBERTa: {@code classifier.dense} + tanh + {@code classifier.out_proj} on the first token. */
        DENSE_TANH,
        /** ELECTRA: {@code classifier.dense} + GELU + {@code classifier.out_proj} on the first token. */
        DENSE_GELU,
        /** DistilBERT: {@code pre_classifier} + ReLU + {@code classifier} on the first token. */
        PRE_CLASSIFIER_RELU
    }

    /** {@code config.json}'s model_type. */
    public final String modelType;
    /** The prefix of every HF class name of the architecture ({@code Roberta} in {@code RobertaForSequenceClassification}). */
    public final String classPrefix;
    /** The base model's prefix in a task model's tensor names ({@code roberta.}). */
    public final String weightPrefix;
    public final Head head;
    public final boolean hasTokenTypes;
    /** Position ids start after the padding id and skip padding tokens (RoBERTa). */
    public final boolean positionsFromPadding;
    private final String[][] renames;

    Architecture(String modelType, String classPrefix, String weightPrefix, Head head, boolean hasTokenTypes,
                 boolean positionsFromPadding, String[][] renames) {
        this.modelType = modelType;
        this.classPrefix = classPrefix;
        this.weightPrefix = weightPrefix;
        this.head = head;
        this.hasTokenTypes = hasTokenTypes;
        this.positionsFromPadding = positionsFromPadding;
        this.renames = renames;
    }

    public static Optional<Architecture> ofModelType(String modelType) {
        return Arrays.stream(values()).filter(a -> a.modelType.equals(modelType)).findFirst();
    }

    /** The HF class of a sequence classifier of this architecture. */
    public String classifierClass() {
        return classPrefix + "ForSequenceClassification";
    }

    /** The HF class of the bare encoder. */
    public String encoderClass() {
        return classPrefix + "Model";
    }

    /** What this version loads, for error messages. */
    public static String supported() {
        return String.join(", ", Arrays.stream(values()).map(Architecture::classifierClass).toList())
                + " (and their encoders: " + String.join(", ", Arrays.stream(values()).map(Architecture::encoderClass).toList()) + ")";
    }

    /** Tensors of the classification head (HF names, which attnlab keeps). */
    public boolean isHeadTensor(String canonical) {
        return !canonical.startsWith("embeddings") && !canonical.startsWith("encoder.");
    }

    /** attnlab's name for a tensor Hugging Face saved as {@code hfName}. */
    public String canonicalName(String hfName) {
        String n = hfName.startsWith(weightPrefix) ? hfName.substring(weightPrefix.length()) : hfName;
        for (String[] r : renames) {
            n = replaceOnce(n, r[0], r[1]);
        }
        if (n.endsWith("LayerNorm.gamma")) {
            n = n.substring(0, n.length() - "gamma".length()) + "weight";
        } else if (n.endsWith("LayerNorm.beta")) {
            n = n.substring(0, n.length() - "beta".length()) + "bias";
        }
        return n;
    }

    /** The name Hugging Face gives tensor {@code canonical} in a classifier ({@code classifier}) or encoder checkpoint. */
    public String hfName(String canonical, boolean classifier) {
        // The task model's own layers sit beside the base model; BERT's pooler belongs to the base model.
        if (canonical.startsWith("classifier") || canonical.startsWith("pre_classifier")) {
            return canonical;
        }
        String n = canonical;
        for (String[] r : renames) {
            n = replaceOnce(n, r[1], r[0]);
        }
        return classifier ? weightPrefix + n : n;
    }

    /** {@code config.json} keys in the order vocab, hidden, layers, heads, intermediate, activation. */
    List<String> configKeys() {
        return this == DISTILBERT
                ? List.of("vocab_size", "dim", "n_layers", "n_heads", "hidden_dim", "activation")
                : List.of("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
                "hidden_act");
    }

    private static String replaceOnce(String s, String from, String to) {
        int i = from.startsWith(".") ? s.indexOf(from) : (s.startsWith(from) ? 0 : -1);
        return i < 0 ? s : s.substring(0, i) + to + s.substring(i + from.length());
    }
}
