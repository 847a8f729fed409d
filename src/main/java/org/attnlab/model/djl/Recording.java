package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;

/**
 * What a forward copies out per layer, as {@link ForwardOptions} asks: attention (after edits) and
 * value vectors. Its {@link #hook} applies edit sets (one per batch element) and records.
 */
final class Recording {

    final AttentionRecorder attention;
    final AttentionRecorder values;
    private final ForwardOptions options;

    Recording(int layers, ForwardOptions options) {
        this.attention = new AttentionRecorder(layers);
        this.values = new AttentionRecorder(layers);
        this.options = options;
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
            }
        };
    }
}
