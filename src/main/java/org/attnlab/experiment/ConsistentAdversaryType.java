package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** {@code type: consistent-adversary} (Wiegreffe &amp; Pinter §4): adversaries trained per λ against the subject. */
public final class ConsistentAdversaryType extends
        TypeBase<ConsistentAdversaryType.Settings, ConsistentAdversaryExperiment.Result, ConsistentAdversaryType.Summary> {

    public static final ConsistentAdversaryType INSTANCE = new ConsistentAdversaryType();

    /** @param lambdas weights of the attention term, one adversary each (no default: training one is costly) */
    public record Settings(List<Double> lambdas) implements ExperimentSettings {
        public Settings {
            if (lambdas == null || lambdas.isEmpty()) {
                throw new IllegalArgumentException("lambdas: at least one λ > 0, e.g. [0.5, 1, 2]");
            }
            lambdas = List.copyOf(lambdas);
            for (double l : lambdas) {
                if (!(l > 0) || Double.isInfinite(l)) {
                    throw new IllegalArgumentException("lambdas: each finite and > 0, got " + l);
                }
            }
            if (new LinkedHashSet<>(lambdas).size() != lambdas.size()) {
                throw new IllegalArgumentException("lambdas: each at most once, got " + lambdas);
            }
        }
    }

    /** One λ's adversary over the qualifying instances. */
    public record LambdaSummary(double lambda, org.attnlab.stats.Summary jsd, org.attnlab.stats.Summary tvd) {
    }

    /** @param byLambda per λ, in the settings' order (keyed by the adversary's role, e.g. {@code adversary-0.5}) */
    public record Summary(int records, int qualifying, Map<String, LambdaSummary> byLambda) {
    }

    private ConsistentAdversaryType() {
        super("consistent-adversary", Settings.class, ConsistentAdversaryExperiment.Result.class);
    }

    @Override
    public List<Companion> companions(Settings settings) {
        return settings.lambdas().stream().<Companion>map(Companion.ConsistentAdversary::new).toList();
    }

    @Override
    public Experiment<ConsistentAdversaryExperiment.Result> create(Settings settings, ExperimentContext context) {
        return new ConsistentAdversaryExperiment(settings.lambdas(), context.view());
    }

    @Override
    public Summary summarize(List<ResultRecord<ConsistentAdversaryExperiment.Result>> records) {
        List<ResultRecord<ConsistentAdversaryExperiment.Result>> q = records.stream().filter(ResultRecord::qualifies).toList();
        Map<String, List<ConsistentAdversaryExperiment.LambdaDistance>> byLambda = new LinkedHashMap<>();
        for (ResultRecord<ConsistentAdversaryExperiment.Result> r : q) {
            for (ConsistentAdversaryExperiment.LambdaDistance d : r.result().adversaries()) {
                byLambda.computeIfAbsent(new Companion.ConsistentAdversary(d.lambda()).role(), k -> new ArrayList<>()).add(d);
            }
        }
        Map<String, LambdaSummary> out = new LinkedHashMap<>();
        byLambda.forEach((role, ds) -> out.put(role, new LambdaSummary(ds.get(0).lambda(),
                org.attnlab.stats.Summary.of(ds.stream().mapToDouble(ConsistentAdversaryExperiment.LambdaDistance::jsd).toArray()),
                org.attnlab.stats.Summary.of(ds.stream().mapToDouble(ConsistentAdversaryExperiment.LambdaDistance::tvd).toArray()))));
        return new Summary(records.size(), q.size(), out);
    }
}
