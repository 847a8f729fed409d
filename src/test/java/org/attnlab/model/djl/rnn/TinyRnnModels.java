package org.attnlab.model.djl.rnn;

import java.util.List;
import org.attnlab.model.Precision;
import org.attnlab.model.TrainingOptions;

/** Tiny RNN attention models on a vocabulary of a few real sentences, for oracle tests. */
public final class TinyRnnModels {

    public static final List<String> SENTENCES = List.of(
            "The film was not bad at all.",
            "A good movie with a great cast, though the ending drags.",
            "I hated every minute of it.",
            "Wonderful!",
            "The plot made no sense and the acting was wooden.",
            "It's a quiet, moving portrait of a family that doesn't know how to talk.");

    static final List<String> LABELS = List.of("neg", "pos", "neutral");

    private TinyRnnModels() {
    }

    /** Embedding 6, hidden 4 (per direction / per kernel / projection), attention 3, kernels 1 and 3. */
    static RnnAttentionConfig config(RnnAttentionConfig.Encoder encoder, RnnAttentionConfig.Attention attention) {
        return new RnnAttentionConfig(encoder, attention, 6, 4, 3, List.of(1, 3), 40, 1, 1000, 0, LABELS);
    }

    static Vocabulary vocabulary() {
        return Vocabulary.build(SENTENCES, 1, 1000);
    }

    public static DjlRnnAttentionModel create(RnnAttentionConfig.Encoder encoder, RnnAttentionConfig.Attention attention,
                                       Precision precision, long seed) {
        return DjlRnnAttentionModel.create(config(encoder, attention), vocabulary(),
                new TrainingOptions(1e-3, 1e-5, seed, "all"), precision);
    }

    /** Every encoder with additive attention, plus dot attention on the BiLSTM. */
    public static List<Object[]> variants() {
        return List.of(
                new Object[] {RnnAttentionConfig.Encoder.BILSTM, RnnAttentionConfig.Attention.ADDITIVE},
                new Object[] {RnnAttentionConfig.Encoder.BILSTM, RnnAttentionConfig.Attention.DOT},
                new Object[] {RnnAttentionConfig.Encoder.BIGRU, RnnAttentionConfig.Attention.ADDITIVE},
                new Object[] {RnnAttentionConfig.Encoder.CNN, RnnAttentionConfig.Attention.ADDITIVE},
                new Object[] {RnnAttentionConfig.Encoder.AVERAGE, RnnAttentionConfig.Attention.DOT},
                new Object[] {RnnAttentionConfig.Encoder.NONE, RnnAttentionConfig.Attention.ADDITIVE});
    }
}
