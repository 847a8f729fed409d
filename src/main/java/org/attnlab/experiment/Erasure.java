package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.model.AttentionEdit;

/**
 * Serrano &amp; Smith's intermediate-representation erasure, for any model: zero the attention on the
 * erased key positions and renormalise, in the chosen layers (all heads), without recomputing
 * anything below the lowest of them. For the papers' RNN models the only layer is 0, which is exactly
 * their erasure of attention weights over fixed encoder states.
 *
 * @param layers layer indices; negative counts from the top (-1 = last layer, the default)
 */
public record Erasure(List<Integer> layers) {

    public static final Erasure LAST_LAYER = new Erasure(List.of(-1));

    public Erasure {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("erasure needs at least one layer");
        }
    }

    /** Edits that erase {@code keys} in every chosen layer of a model with {@code modelLayers} layers. */
    List<AttentionEdit> edits(int[] keys, int modelLayers) {
        List<AttentionEdit> edits = new ArrayList<>();
        for (int l : layers) {
            int layer = l < 0 ? modelLayers + l : l;
            if (layer < 0 || layer >= modelLayers) {
                throw new IllegalArgumentException("erasure layer " + l + ": the model has layers 0.." + (modelLayers - 1));
            }
            edits.add(new AttentionEdit.ZeroKeys(layer, AttentionEdit.ALL_HEADS, keys));
        }
        return edits;
    }
}
