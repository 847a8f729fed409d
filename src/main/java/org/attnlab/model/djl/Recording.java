package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;

/**
 * What a forward copies out per layer, as {@link ForwardOptions} asks: attention (after edits), value
 * vectors and the norms of the transformed values. Its {@link #hook} applies edit sets (one per batch
 * element) and records.
 */
final class Recording {

    final AttentionRecorder attention;
    final AttentionRecorder values;
    /** {@code [batch, heads, 1, n]} per layer: one row of norms, so it cuts like an attention map. */
    final AttentionRecorder transformedNorms;
    private final ForwardOptions options;
    private final BertEncoder encoder;

    Recording(BertEncoder encoder, ForwardOptions options) {
        int layers = encoder.config().layers();
        this.attention = new AttentionRecorder(layers);
        this.values = new AttentionRecorder(layers);
        this.transformedNorms = new AttentionRecorder(layers);
        this.options = options;
        this.encoder = encoder;
    }

    AttentionHook hook(List<List<AttentionEdit>> editSets) {
        return new AttentionHook() {
            @Override
            public NDArray onAttention(int layer, NDArray probs) {
                NDArray edited = editSets.isEmpty() ? probs : AttentionEditor.apply(probs, layer, editSets);
                if (options.attentions()) {
                    attention.record(layer, edited);
                }
                return edited;
            }

            @Override
            public void onValues(int layer, NDArray v) {
                if (options.values()) {
                    values.record(layer, v);
                }
                if (options.transformedNorms()) {
                    try (NDArray norms = encoder.transformedNorms(layer, v)) {
                        transformedNorms.record(layer, norms);
                    }
                }
            }
        };
    }
}
