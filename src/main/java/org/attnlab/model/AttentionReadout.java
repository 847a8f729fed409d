package org.attnlab.model;

/**
 * The class probabilities of one input as a function of one query row of one layer's attention, every head's
 * row free and everything else held at its unedited value: what Jain &amp; Wallace's adversarial search
 * optimises over. For a transformer this is the rest of the network above the edited row (the rest of the
 * layer, the layers above, the head), differentiated through the engine; the keys and values of the layer and
 * everything below are computed once, when the readout is made.
 *
 * <p>Rows are given per head over all {@link #keys()} positions, special tokens included, and are used as given
 * (as an {@link AttentionEdit.Replace} of that row would be): the caller keeps them distributions.
 * Holds engine memory until closed; not thread-safe.
 */
public interface AttentionReadout extends AutoCloseable {

    /** Heads of the layer (the rows per evaluation). */
    int heads();

    /** Key positions (the length of each row). */
    int keys();

    /** Number of classes. */
    int classes();

    /**
     * Class probabilities for a batch of candidate rows.
     *
     * @param rows {@code [candidate][head][key]}
     * @return {@code [candidate][class]}
     */
    double[][] probabilities(double[][][] rows);

    /**
     * The vector–Jacobian product: for {@code L = sum_k sum_c upstream[k][c] p_kc(rows_k)}, {@code dL / d rows}.
     *
     * @param rows     {@code [candidate][head][key]}
     * @param upstream {@code [candidate][class]}, d L / d probabilities
     * @return {@code [candidate][head][key]}
     */
    double[][][] backward(double[][][] rows, double[][] upstream);

    @Override
    void close();
}
