package org.attnlab.explain;

/**
 * A way to score the tokens of an input by importance for the model's output (attention, gradients,
 * leave-one-out, ...). Every measure has this one shape so experiments can pair any two.
 */
public interface ImportanceMeasure {

    /** Short stable name used in suites and records, e.g. {@code "gradient"}. */
    String id();

    /**
     * What the scores depend on besides the instance: the id and every setting (view, steps, samples,
     * seed). Scores are cached per instance under this key, so two experiments that configure the same
     * measure differently never share scores.
     */
    default String key() {
        return id();
    }

    /** Scores for {@code instance}'s target class. */
    Importance explain(Instance instance);
}
