package org.attnlab.model;

import java.util.List;

/**
 * What an experiment may know about a model without knowing its engine or architecture.
 *
 * @param name          short name (catalog name or directory name)
 * @param architecture  e.g. {@code "bert"} or {@code "rnn-attention"}
 * @param layers        number of attention layers (1 for the papers' RNN attention models)
 * @param heads         attention heads per layer
 * @param maxPositions  longest token sequence the model accepts
 * @param labels        class labels in output order; empty for an encoder without a head
 */
public record ModelInfo(String name, String architecture, int layers, int heads, int maxPositions,
                        List<String> labels) {

    public ModelInfo {
        labels = List.copyOf(labels);
        if (layers < 1 || heads < 1 || maxPositions < 1) {
            throw new IllegalArgumentException("layers=" + layers + " heads=" + heads
                    + " maxPositions=" + maxPositions + ": all must be >= 1");
        }
    }

    /** True when the model has a classification head and so produces probabilities. */
    public boolean isClassifier() {
        return !labels.isEmpty();
    }
}
