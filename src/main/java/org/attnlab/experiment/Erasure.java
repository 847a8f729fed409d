package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ModelInfo;

/**
 * Serrano &amp; Smith's intermediate-representation erasure, for any model: zero the attention on the
 * erased key positions and renormalise, in the chosen layers (all heads), without recomputing
 * anything below the lowest of them. For the papers' RNN models the only layer is 0, which is exactly
 * their erasure of attention weights over fixed encoder states.
 *
 * @param layers layer indices; -1 is the last layer (the default); other negative values are errors
 */
public record Erasure(List<Integer> layers) {

    public static final Erasure LAST_LAYER = new Erasure(List.of(-1));

    public Erasure {
        layers = layers == null ? List.of(-1) : List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("erasure_layers: at least one layer");
        }
        for (int l : layers) {
            if (l < -1) {
                throw new IllegalArgumentException("erasure_layers: -1 (the last layer) or a layer index >= 0, got " + l);
            }
        }
    }

    /** Throws unless every chosen layer exists in {@code model}. */
    public void checkAgainst(ModelInfo model) {
        for (int l : layers) {
            if (l >= model.layers()) {
                throw new IllegalArgumentException("erasure_layers: layer " + l + " is past model " + model.name()
                        + "'s layers 0.." + (model.layers() - 1));
            }
        }
    }

    /** Edits that erase {@code keys} in every chosen layer of a model with {@code modelLayers} layers. */
    List<AttentionEdit> edits(int[] keys, int modelLayers) {
        List<AttentionEdit> edits = new ArrayList<>();
        for (int l : layers) {
            int layer = l == -1 ? modelLayers - 1 : l;
            if (layer >= modelLayers) {
                throw new IllegalArgumentException("erasure layer " + l + ": the model has layers 0.." + (modelLayers - 1));
            }
            edits.add(new AttentionEdit.ZeroKeys(layer, AttentionEdit.ALL_HEADS, keys));
        }
        return edits;
    }
}
