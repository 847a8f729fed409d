package org.attnlab.model;

/**
 * What a forward pass should hand back besides the output. Attention maps and hidden states are
 * large ({@code layers x heads x n x n}), so callers ask only for what they use.
 *
 * @param attentions      return attention probabilities of every layer
 * @param lastHiddenState return the final hidden states
 */
public record ForwardOptions(boolean attentions, boolean lastHiddenState) {

    public static final ForwardOptions OUTPUT_ONLY = new ForwardOptions(false, false);
    public static final ForwardOptions WITH_ATTENTIONS = new ForwardOptions(true, false);
    public static final ForwardOptions EVERYTHING = new ForwardOptions(true, true);
}
