package org.attnlab.explain;

import java.util.SplittableRandom;
import org.attnlab.data.Seeds;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * LIME (Ribeiro et al. 2016) through Tribuo ({@link WordLime}): the predicted class's probability is regressed,
 * weighted by closeness, on which words of the input a perturbed copy keeps, and a word's score is its
 * coefficient: the probability it adds for the predicted class (signed, so a word speaking against the prediction
 * scores below 0). Words are the model's tokens with WordPiece continuations joined ({@link Words}); every token of
 * a word gets the whole word's coefficient (the pieces are deleted together, so LIME cannot tell them apart, and
 * splitting the score would rank a word lower for being cut into more pieces). Special tokens score 0, and so does
 * an input of fewer than two words, where deleting the only word would leave nothing to classify.
 *
 * <p>Samples are drawn from a stream fixed by the suite seed, the model and the instance id (the scheme of
 * every random choice, {@link Seeds}), so a fixed seed gives identical scores, whatever ran before. The fit has one coefficient per word: with fewer samples than words it is
 * underdetermined and the scores mean nothing, so {@code samples} should well exceed the longest input's word
 * count. Cost: {@code samples} forwards in batches, then a forward-selection least-squares path over the words
 * (about {@code samples x words^3 / 3} flops per class).
 */
public final class LimeMeasure implements ImportanceMeasure {

    public static final int DEFAULT_SAMPLES = 500;
    public static final long DEFAULT_SEED = 1;

    /**
     * Tribuo's regression trainer logs every selection step at INFO on java.util.logging (stderr). Held in a field
     * because java.util.logging keeps loggers only weakly.
     */
    private static final Logger TRIBUO_LOG = quiet(Logger.getLogger("org.tribuo"));

    private final int samples;
    private final long seed;

    public LimeMeasure(int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("lime samples must be >= 1, got " + samples);
        }
        this.samples = samples;
        this.seed = seed;
    }

    @Override
    public String id() {
        return "lime";
    }

    @Override
    public String key() {
        return id() + "[samples=" + samples + ", seed=" + seed + "]";
    }

    @Override
    public Importance explain(Instance x) {
        Words words = Words.of(x.input());
        double[] scores = new double[x.input().length()];
        if (words.count() < 2) {
            return new Importance(id(), scores);
        }
        WordLime lime = new WordLime(new SplittableRandom(Seeds.random(seed, "lime", x.model().info().name(), x.id()).nextLong()),
                new WordDeletionModel(x.model(), words), samples);
        double[] effects = lime.effects(x.model().info().labels().get(x.predicted()));
        for (int t = 0; t < scores.length; t++) {
            scores[t] = words.wordOf(t) < 0 ? 0 : effects[words.wordOf(t)];
        }
        return new Importance(id(), scores);
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.WARNING);
        return logger;
    }
}
