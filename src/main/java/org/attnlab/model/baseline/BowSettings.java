package org.attnlab.model.baseline;

/**
 * Hyper-parameters of the bag-of-words logistic-regression baseline. Immutable.
 *
 * @param ngram        longest n-gram used as a feature (2: unigrams and bigrams)
 * @param minCount     a feature must occur in at least this many training texts to be kept; 1 keeps all
 *                     (2 shrinks the bigram space several-fold but cross-validated worse)
 * @param epochs       passes of stochastic gradient descent over the training set
 * @param learningRate AdaGrad's initial learning rate
 * @param seed         seed of the example order; same seed, same data, same model
 */
public record BowSettings(int ngram, int minCount, int epochs, double learningRate, long seed) {

    /**
     * The recipe behind every reported baseline number: all unigrams and bigrams, 5 epochs of AdaGrad at
     * 0.1, seed 1. Chosen by 5-fold cross-validation on train+dev (mean macro-F1 over uci-amazon, uci-imdb,
     * uci-yelp, reuters-corn, reuters-grain: 0.816) against learning rates 0.05-1.0, 5-10 epochs, unigrams
     * only, min count 2, class-balanced weights and per-text L2 normalisation (0.75-0.815). The single dev
     * splits (150-233 examples, ~15 Reuters positives) were too noisy to choose with. Tribuo's own
     * {@code LogisticRegressionTrainer} defaults (AdaGrad 1.0) scored 0.798.
     */
    public static final BowSettings DEFAULT = new BowSettings(2, 1, 5, 0.1, 1L);

    public BowSettings {
        if (ngram < 1 || minCount < 1 || epochs < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("ngram=" + ngram + " minCount=" + minCount + " epochs=" + epochs
                    + " learningRate=" + learningRate + ": all must be >= 1 (learning rate > 0)");
        }
    }

    /** These settings with another seed. */
    public BowSettings withSeed(long newSeed) {
        return new BowSettings(ngram, minCount, epochs, learningRate, newSeed);
    }
}
