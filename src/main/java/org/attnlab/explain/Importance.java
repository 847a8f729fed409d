package org.attnlab.explain;

/**
 * One importance score per token of an input (special tokens included, so indices match
 * {@code TokenizedText}); higher means more important. Analyses drop special tokens themselves.
 *
 * @param measure the measure's id, e.g. {@code "loo"}
 * @param scores  one score per token
 */
public record Importance(String measure, double[] scores) {

    public Importance {
        scores = scores.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }
}
