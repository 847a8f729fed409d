package org.attnlab.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code type: adversarial} (Jain &amp; Wallace): attention as far as possible from the original, output within ε. */
public final class AdversarialType
        extends TypeBase<AdversarialType.Settings, AdversarialExperiment.Result, AdversarialType.Summary> {

    public static final AdversarialType INSTANCE = new AdversarialType();

    /** "Very different" attention in J&amp;W's reading: JSD above this (the maximum is ln 2). */
    public static final double FAR_JSD = 0.5;

    /**
     * @param adversaries  K adversaries per instance (default 5)
     * @param steps        Adam steps (default 500)
     * @param learningRate Adam's learning rate (default 0.01)
     * @param epsilon      largest output change (TVD) an adversary may cause (default 0.05)
     */
    public record Settings(Integer adversaries, Integer steps, Double learningRate, Double epsilon)
            implements ExperimentSettings {
        public Settings {
            adversaries = adversaries == null ? 5 : adversaries;
            steps = steps == null ? 500 : steps;
            learningRate = learningRate == null ? 0.01 : learningRate;
            epsilon = epsilon == null ? 0.05 : epsilon;
            if (adversaries < 1) {
                throw new IllegalArgumentException("adversaries: must be >= 1, got " + adversaries);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learning_rate: must be > 0, got " + learningRate);
            }
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("epsilon: must be > 0, got " + epsilon);
            }
        }
    }

    /**
     * @param unsupported           qualifying instances the attack does not apply to (the record says why)
     * @param maxJsdWithinEpsilon   over attacked instances
     * @param fractionFar           share of attacked instances with max JSD above {@link #FAR_JSD}
     */
    public record Summary(int records, int qualifying, int unsupported,
                          org.attnlab.stats.Summary maxJsdWithinEpsilon,
                          @JsonProperty("fraction_max_jsd_above_0.5") double fractionFar) {
    }

    private AdversarialType() {
        super("adversarial", Settings.class, AdversarialExperiment.Result.class);
    }

    @Override
    public Experiment<AdversarialExperiment.Result> create(Settings s, ExperimentContext context) {
        return new AdversarialExperiment(context.view(), s.adversaries(), s.steps(), s.learningRate(), s.epsilon(), context.seed());
    }

    @Override
    public Summary summarize(List<ResultRecord<AdversarialExperiment.Result>> records) {
        List<AdversarialExperiment.Result> q = records.stream().filter(ResultRecord::qualifies).map(ResultRecord::result).toList();
        double[] jsd = q.stream().filter(r -> r.unsupported() == null).mapToDouble(AdversarialExperiment.Result::maxJsdWithinEpsilon)
                .toArray();
        long far = java.util.Arrays.stream(jsd).filter(v -> v > FAR_JSD).count();
        return new Summary(records.size(), q.size(), q.size() - jsd.length, org.attnlab.stats.Summary.of(jsd),
                jsd.length == 0 ? Double.NaN : far / (double) jsd.length);
    }
}
