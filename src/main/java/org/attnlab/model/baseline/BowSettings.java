package org.attnlab.model.baseline;

/**
 * Hyper-parameters of the bag-of-words logistic-regression baseline. Immutable.
 *
 * @param ngram        longest n-gram used as a feature (2: unigrams and bigrams)
 * @param minCount     a feature must occur in at least this many training texts to be kept (rare
 *                     n-grams are mostly noise and, with bigrams, most of the feature space)
 * @param epochs       passes of stochastic gradient descent over the training set
 * @param learningRate AdaGrad's initial learning rate
 * @param balanced     weight each training example by {@code n / (classes * n_class)}, so that every class
 *                     carries the same total weight (Reuters: ~7% positives; without it the rare class is
 *                     under-predicted and its F1 suffers)
 * @param seed         seed of the example order; same seed, same data, same model
 */
public record BowSettings(int ngram, int minCount, int epochs, double learningRate, boolean balanced, long seed) {

    /**
     * The recipe used for every reported baseline number: unigrams+bigrams seen in at least two
     * training texts, binary features, 5 epochs of AdaGrad at 0.1 (chosen on the dev splits, see
     * {@link BowLogisticBaseline}), seed 1.
     */
    public static final BowSettings DEFAULT = new BowSettings(2, 1, 5, 0.1, true, 1L);

    public BowSettings {
        if (ngram < 1 || minCount < 1 || epochs < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("ngram=" + ngram + " minCount=" + minCount + " epochs=" + epochs
                    + " learningRate=" + learningRate + ": all must be >= 1 (learning rate > 0)");
        }
    }

    /** These settings with another seed. */
    public BowSettings withSeed(long newSeed) {
        return new BowSettings(ngram, minCount, epochs, learningRate, balanced, newSeed);
    }
}
