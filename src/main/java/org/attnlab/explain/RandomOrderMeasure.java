package org.attnlab.explain;

import java.util.SplittableRandom;
import org.attnlab.data.Seeds;

/**
 * The random baseline for deletion-based faithfulness: independent uniform scores for the real tokens (special
 * tokens 0), i.e. a uniformly random order. Drawn from a stream fixed by the seed and the instance id, so a fixed
 * seed gives the same order whatever ran before, and the same order for every model of a suite.
 */
public final class RandomOrderMeasure implements ImportanceMeasure {

    private final long seed;

    public RandomOrderMeasure(long seed) {
        this.seed = seed;
    }

    @Override
    public String id() {
        return "random";
    }

    @Override
    public String key() {
        return id() + "[seed=" + seed + "]";
    }

    @Override
    public Importance explain(Instance x) {
        // Not mixed with the model's name: every model of a suite gets the same order for an instance.
        SplittableRandom random = new SplittableRandom(Seeds.random(seed, "random-order", x.id()).nextLong());
        boolean[] special = x.input().special();
        double[] scores = new double[special.length];
        for (int t = 0; t < scores.length; t++) {
            scores[t] = special[t] ? 0 : random.nextDouble();
        }
        return new Importance(id(), scores);
    }
}
