package org.attnlab.explain;

import java.util.List;

/**
 * One importance score per token of an input (special tokens included, so indices match
 * {@code TokenizedText}); higher means more important. Analyses drop special tokens themselves.
 *
 * @param measure the measure's id, e.g. {@code "loo"}
 * @param scores  one score per token
 * @param layers  the model layers the scores are read from or aggregated over (e.g. all of them for attention flow,
 *                ALTI and value zeroing); empty when the measure does not say (gradients, deletions)
 */
public record Importance(String measure, double[] scores, List<Integer> layers) {

    public Importance {
        scores = scores.clone();
        layers = List.copyOf(layers);
    }

    public Importance(String measure, double[] scores) {
        this(measure, scores, List.of());
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }
}
