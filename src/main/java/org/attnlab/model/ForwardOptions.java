package org.attnlab.model;

/**
 * What a forward pass should hand back besides the output. Attention maps and hidden states are
 * large ({@code layers x heads x n x n}), so callers ask only for what they use.
 *
 * @param attentions       return attention probabilities of every layer
 * @param lastHiddenState  return the final hidden states
 * @param values           return what each head's attention weights: {@code T} with head output {@code A T}
 *                         (transformers: {@code X W_V + b_V} per head; RNN models: the encoder states)
 * @param transformedNorms return {@code ||f(x_j)||} per layer, head and key: the size of what key j adds to the
 *                         attention block's output per unit of attention (Kobayashi et al. 2020). Transformers:
 *                         {@code f(x) = (x W_V + b_V) W_O^h} with {@code W_O^h} head h's rows of the attention
 *                         output dense; RNN models: the encoder state, {@code ||h_j||}. Costs a transformer
 *                         about one extra dense layer per layer.
 */
public record ForwardOptions(boolean attentions, boolean lastHiddenState, boolean values, boolean transformedNorms) {

    public static final ForwardOptions OUTPUT_ONLY = new ForwardOptions(false, false, false, false);
    public static final ForwardOptions WITH_ATTENTIONS = new ForwardOptions(true, false, false, false);
    public static final ForwardOptions EVERYTHING = new ForwardOptions(true, true, true, true);

    public ForwardOptions(boolean attentions, boolean lastHiddenState, boolean values) {
        this(attentions, lastHiddenState, values, false);
    }

    public ForwardOptions(boolean attentions, boolean lastHiddenState) {
        this(attentions, lastHiddenState, false, false);
    }
}
