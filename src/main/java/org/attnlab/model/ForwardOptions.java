package org.attnlab.model;

/**
 * What a forward pass should hand back besides the output. Attention maps and hidden states are
 * large ({@code layers x heads x n x n}), so callers ask only for what they use.
 *
 * @param attentions      return attention probabilities of every layer
 * @param lastHiddenState return the final hidden states
 * @param values          return what each head's attention weights: {@code T} with head output {@code A T}
 *                        (transformers: {@code X W_V + b_V} per head; RNN models: the encoder states)
 */
public record ForwardOptions(boolean attentions, boolean lastHiddenState, boolean values) {

    public static final ForwardOptions OUTPUT_ONLY = new ForwardOptions(false, false, false);
    public static final ForwardOptions WITH_ATTENTIONS = new ForwardOptions(true, false, false);
    public static final ForwardOptions EVERYTHING = new ForwardOptions(true, true, true);

    public ForwardOptions(boolean attentions, boolean lastHiddenState) {
        this(attentions, lastHiddenState, false);
    }
}
