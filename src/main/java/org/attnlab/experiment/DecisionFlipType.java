package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.model.ModelInfo;

/** {@code type: decision-flip} (Serrano &amp; Smith): erase tokens in ranking order until the decision flips. */
public final class DecisionFlipType
        extends TypeBase<DecisionFlipType.Settings, DecisionFlipExperiment.Result, DecisionFlipType.Summary> {

    public static final DecisionFlipType INSTANCE = new DecisionFlipType();

    /**
     * @param rankers       measures whose descending order is tried besides attention's (default: attention-gradient,
     *                      attention-x-gradient, Serrano &amp; Smith's gradient orderings)
     * @param randomOrders  random orders per instance (default 5)
     * @param erasureLayers layers whose attention is erased (-1 = last, the default)
     * @param igSteps       integrated gradients' path points, where a ranker names it
     * @param limeSamples   LIME's perturbed copies, where a ranker names it
     */
    public record Settings(List<String> rankers, Integer randomOrders, List<Integer> erasureLayers, Integer igSteps,
                           Integer limeSamples) implements ExperimentSettings {
        public Settings {
            rankers = rankers == null ? List.of("attention-gradient", "attention-x-gradient") : List.copyOf(rankers);
            if (new LinkedHashSet<>(rankers).size() != rankers.size()) {
                throw new IllegalArgumentException("rankers: each measure at most once, got " + rankers);
            }
            randomOrders = randomOrders == null ? 5 : randomOrders;
            if (randomOrders < 0) {
                throw new IllegalArgumentException("random_orders: must be >= 0, got " + randomOrders);
            }
            erasureLayers = new Erasure(erasureLayers).layers();
            MeasureOptions.of(igSteps, limeSamples, rankers);
        }

        @Override
        public List<String> namedMeasures() {
            return rankers;
        }

        @Override
        public void checkAgainst(ModelInfo model) {
            new Erasure(erasureLayers).checkAgainst(model);
        }
    }

    /** One ordering over instances: fraction erased before the flip (of those that flip) and how many never flip. */
    public record OrderingSummary(org.attnlab.stats.Summary fractionErased, int flipped, int neverFlipped) {
    }

    public record Summary(int records, int qualifying, Map<String, OrderingSummary> orderings) {
    }

    private DecisionFlipType() {
        super("decision-flip", Settings.class, DecisionFlipExperiment.Result.class);
    }

    @Override
    public Experiment<DecisionFlipExperiment.Result> create(Settings s, ExperimentContext context) {
        MeasureOptions options = MeasureOptions.of(s.igSteps(), s.limeSamples(), s.rankers());
        List<ImportanceMeasure> rankers = new ArrayList<>();
        for (String r : s.rankers()) {
            rankers.add(context.measure(r, options));
        }
        return new DecisionFlipExperiment(context.view(), rankers, s.randomOrders(), new Erasure(s.erasureLayers()),
                context.seed());
    }

    @Override
    public Summary summarize(List<ResultRecord<DecisionFlipExperiment.Result>> records) {
        List<DecisionFlipExperiment.Result> q = records.stream().filter(ResultRecord::qualifies).map(ResultRecord::result).toList();
        Map<String, OrderingSummary> orderings = new LinkedHashMap<>();
        if (!q.isEmpty()) {
            for (String o : q.get(0).orderings().keySet()) {
                List<DecisionFlipExperiment.Flip> flips = q.stream().map(r -> r.orderings().get(o)).toList();
                double[] fraction = flips.stream().filter(DecisionFlipExperiment.Flip::flipped)
                        .mapToDouble(DecisionFlipExperiment.Flip::fraction).toArray();
                orderings.put(o, new OrderingSummary(org.attnlab.stats.Summary.of(fraction), fraction.length,
                        flips.size() - fraction.length));
            }
        }
        return new Summary(records.size(), q.size(), orderings);
    }
}
