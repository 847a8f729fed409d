package org.attnlab.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.explain.faithfulness.Faithfulness;
import org.attnlab.explain.faithfulness.FaithfulnessResult;
import org.attnlab.model.NotApplicableException;
import org.attnlab.stats.Correlation;
import org.attnlab.stats.KendallTau;

/**
 * Which explanation does the model follow? ERASER's deletion test (DeYoung et al. 2020) for every measure of the
 * suite: comprehensiveness (the output drop when the measure's top-k% real tokens are taken out) and sufficiency
 * (the drop when only they are kept), per fraction k and averaged (AOPC), beside each measure's Kendall τ with
 * leave-one-out. A random order is the baseline. All deletions of an instance run as one batch. A measure that
 * does not apply to the model (e.g. ALTI on an RNN) is recorded with its reason instead of scores.
 */
public final class FaithfulnessExperiment implements Experiment<FaithfulnessExperiment.Result> {

    /** One measure's deletion scores on the instance. */
    public record Scores(double aopcComprehensiveness, double aopcSufficiency, double[] comprehensiveness,
                         double[] sufficiency, int[] tokens, double tauWithLoo) {
    }

    /**
     * @param deletion      {@code remove} or {@code mask}
     * @param fractions     the fractions k of real tokens
     * @param scores        per applicable measure, its deletion scores
     * @param notApplicable per measure that does not apply to the model, why
     */
    public record Result(String deletion, double[] fractions, Map<String, Scores> scores,
                         Map<String, String> notApplicable) {
    }

    private final List<ImportanceMeasure> measures;
    private final ImportanceMeasure loo;
    private final Faithfulness faithfulness;

    /** @param measures the measures tested, leave-one-out among them (the τ reference) */
    public FaithfulnessExperiment(List<ImportanceMeasure> measures, Faithfulness faithfulness) {
        this.measures = List.copyOf(measures);
        this.loo = measures.stream().filter(m -> m.id().equals("loo")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("faithfulness needs loo among its measures"));
        this.faithfulness = faithfulness;
    }

    @Override
    public List<ImportanceMeasure> measures() {
        return measures;
    }

    @Override
    public Result run(Instance x) {
        int[] real = x.realTokens();
        if (real.length < 2) {
            return null;
        }
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, String> notApplicable = new LinkedHashMap<>();
        for (ImportanceMeasure m : measures) {
            try {
                scores.put(m.id(), x.importance(m).scores());
            } catch (NotApplicableException e) {
                notApplicable.put(m.id(), e.getMessage());
            }
        }
        Map<String, FaithfulnessResult> results;
        try {
            results = faithfulness.evaluate(x, scores);
        } catch (NotApplicableException e) { // masking on a model without self-attention in every layer
            scores.keySet().forEach(id -> notApplicable.put(id, e.getMessage()));
            return new Result(faithfulness.deletion().key, fractions(), Map.of(), notApplicable);
        }
        double[] reference = Rankings.at(scores.get(loo.id()), real);
        Map<String, Scores> out = new LinkedHashMap<>();
        results.forEach((id, r) -> {
            Correlation tau = KendallTau.of(Rankings.at(scores.get(id), real), reference);
            out.put(id, new Scores(r.aopcComprehensiveness(), r.aopcSufficiency(), r.comprehensiveness(), r.sufficiency(),
                    r.tokens(), tau.coefficient()));
        });
        return new Result(faithfulness.deletion().key, fractions(), out, notApplicable);
    }

    private double[] fractions() {
        return faithfulness.fractions().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
