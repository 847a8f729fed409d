package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;

/**
 * Called by {@link BertEncoder} with each layer's attention probabilities {@code [batch, heads, n, n]}
 * after the softmax; the array it returns is what multiplies the values. This is where edits,
 * recording and gradient taps go.
 */
@FunctionalInterface
interface AttentionHook {

    AttentionHook NONE = (layer, probs) -> probs;

    NDArray onAttention(int layer, NDArray probs);

    /** Called with each layer's value vectors {@code [batch, heads, n, headSize]} (bias included). */
    default void onValues(int layer, NDArray values) {
    }
}
