package org.attnlab.model;

import java.util.List;

/**
 * What to differentiate and under which forward.
 *
 * @param target          the output scalar
 * @param edits           attention edits applied during the forward (gradients are at the edited attention)
 * @param detachAttention treat attention probabilities as constants, so embedding gradients do not flow
 *                        through them (Jain &amp; Wallace's gradient importance); attention gradients are
 *                        still reported
 * @param embeddingScale  multiply the input (word) embeddings by this before the forward; 1 is the
 *                        plain gradient, values in (0, 1] are the path points of integrated gradients
 *                        with the zero baseline. Reported gradients are w.r.t. the scaled embeddings.
 */
public record GradientRequest(OutputTarget target, List<AttentionEdit> edits, boolean detachAttention,
                              double embeddingScale) {

    public GradientRequest {
        edits = List.copyOf(edits);
        if (!(embeddingScale >= 0 && embeddingScale <= 1)) {
            throw new IllegalArgumentException("embeddingScale must be in [0, 1], got " + embeddingScale);
        }
    }

    /** The plain gradient of {@code target}: no edits, attention attached, unscaled embeddings. */
    public static GradientRequest of(OutputTarget target) {
        return new GradientRequest(target, List.of(), false, 1.0);
    }

    public GradientRequest withEdits(List<AttentionEdit> newEdits) {
        return new GradientRequest(target, newEdits, detachAttention, embeddingScale);
    }

    public GradientRequest detached() {
        return new GradientRequest(target, edits, true, embeddingScale);
    }

    public GradientRequest scaled(double scale) {
        return new GradientRequest(target, edits, detachAttention, scale);
    }
}
