package org.attnlab.explain;

/**
 * A way to score the tokens of an input by importance for the model's output (attention, gradients,
 * leave-one-out, ...). Every measure has this one shape so experiments can pair any two.
 */
public interface ImportanceMeasure {

    /** Short stable name used in suites and records, e.g. {@code "gradient"}. */
    String id();

    /** Scores for {@code instance}'s target class. */
    Importance explain(Instance instance);
}
