package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.faithfulness.Faithfulness;
import org.attnlab.explain.faithfulness.TokenDeletion;

/** {@code type: faithfulness} (DeYoung et al. 2020, ERASER): comprehensiveness, sufficiency and AOPC per measure. */
public final class FaithfulnessType
        extends TypeBase<FaithfulnessType.Settings, FaithfulnessExperiment.Result, FaithfulnessType.Summary> {

    public static final FaithfulnessType INSTANCE = new FaithfulnessType();

    /** The baseline and the τ reference, added to every faithfulness test. */
    static final List<String> ALWAYS = List.of("random", "loo");

    /**
     * @param measures    the measures tested (default: attention, rollout, norm, gradient, integrated-gradients,
     *                    alti, value-zeroing); {@code random} and {@code loo} are always added
     * @param fractions   fractions of real tokens taken out / kept (default ERASER's 0.01, 0.05, 0.1, 0.2, 0.5)
     * @param deletion    {@code remove} (delete the tokens, any model; default) or {@code mask} (zero their attention
     *                    columns in every layer; self-attention models)
     * @param igSteps     integrated gradients' path points, where the measures name it
     * @param limeSamples LIME's perturbed copies, where the measures name it
     */
    public record Settings(List<String> measures, List<Double> fractions, String deletion, Integer igSteps,
                           Integer limeSamples) implements ExperimentSettings {
        public Settings {
            LinkedHashSet<String> all = new LinkedHashSet<>(measures == null ? List.of("attention", "rollout", "norm",
                    "gradient", "integrated-gradients", "alti", "value-zeroing") : measures);
            if (measures != null && all.size() != measures.size()) {
                throw new IllegalArgumentException("measures: each measure at most once, got " + measures);
            }
            all.addAll(ALWAYS);
            measures = List.copyOf(all);
            fractions = fractions == null ? Faithfulness.ERASER_FRACTIONS : List.copyOf(fractions);
            for (double f : fractions) {
                if (!(f > 0 && f <= 1)) {
                    throw new IllegalArgumentException("fractions: each in (0, 1], got " + f);
                }
            }
            for (int i = 1; i < fractions.size(); i++) {
                if (fractions.get(i) <= fractions.get(i - 1)) {
                    throw new IllegalArgumentException("fractions: strictly ascending, got " + fractions);
                }
            }
            if (fractions.isEmpty()) {
                throw new IllegalArgumentException("fractions: at least one");
            }
            deletion = deletion == null ? TokenDeletion.REMOVE.key : deletion;
            TokenDeletion.of(deletion);
            MeasureOptions.of(igSteps, limeSamples, measures);
        }

        @Override
        public List<String> namedMeasures() {
            return measures;
        }
    }

    /**
     * One measure over a model's instances.
     *
     * @param aopcComprehensiveness over instances (higher: the measure found what the model needs)
     * @param aopcSufficiency       over instances (lower: its top tokens alone keep the prediction)
     * @param tauWithLoo            Kendall τ with leave-one-out over instances
     * @param comprehensiveness     mean curve, per fraction
     * @param sufficiency           mean curve, per fraction
     */
    public record MeasureSummary(org.attnlab.stats.Summary aopcComprehensiveness, org.attnlab.stats.Summary aopcSufficiency,
                                 org.attnlab.stats.Summary tauWithLoo, double[] comprehensiveness, double[] sufficiency) {
    }

    /**
     * @param fractions     the fractions of the curves
     * @param measures      per measure tested on the model
     * @param notApplicable measures that did not apply, with the reason
     * @param best          the measure with the highest mean AOPC-comprehensiveness (the random baseline excluded)
     */
    public record Summary(int records, int qualifying, double[] fractions, Map<String, MeasureSummary> measures,
                          Map<String, String> notApplicable, String best) {
    }

    private FaithfulnessType() {
        super("faithfulness", Settings.class, FaithfulnessExperiment.Result.class);
    }

    @Override
    public Experiment<FaithfulnessExperiment.Result> create(Settings s, ExperimentContext context) {
        MeasureOptions options = MeasureOptions.of(s.igSteps(), s.limeSamples(), s.measures());
        List<ImportanceMeasure> measures = new ArrayList<>();
        for (String id : s.measures()) {
            measures.add(context.measure(id, options));
        }
        return new FaithfulnessExperiment(measures, new Faithfulness(s.fractions(), TokenDeletion.of(s.deletion())));
    }

    /** Each measure's AOPC, as {@code aopc-comprehensiveness <measure>} and {@code aopc-sufficiency <measure>}. */
    @Override
    public Map<String, org.attnlab.stats.Summary> perInstanceStatistics(Summary summary) {
        Map<String, org.attnlab.stats.Summary> out = new LinkedHashMap<>();
        summary.measures().forEach((measure, m) -> {
            out.put("aopc-comprehensiveness " + measure, m.aopcComprehensiveness());
            out.put("aopc-sufficiency " + measure, m.aopcSufficiency());
        });
        return out;
    }

    @Override
    public Summary summarize(List<ResultRecord<FaithfulnessExperiment.Result>> records) {
        List<FaithfulnessExperiment.Result> q = records.stream().filter(ResultRecord::qualifies).map(ResultRecord::result).toList();
        Map<String, MeasureSummary> measures = new LinkedHashMap<>();
        Map<String, String> notApplicable = new LinkedHashMap<>();
        double[] fractions = q.isEmpty() ? new double[0] : q.get(0).fractions();
        String best = null;
        double bestComp = Double.NEGATIVE_INFINITY;
        for (FaithfulnessExperiment.Result r : q) {
            r.notApplicable().forEach(notApplicable::putIfAbsent);
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        q.forEach(r -> ids.addAll(r.scores().keySet()));
        for (String id : ids) {
            List<FaithfulnessExperiment.Scores> s = q.stream().map(r -> r.scores().get(id)).filter(x -> x != null).toList();
            MeasureSummary m = new MeasureSummary(
                    org.attnlab.stats.Summary.of(s.stream().mapToDouble(FaithfulnessExperiment.Scores::aopcComprehensiveness).toArray()),
                    org.attnlab.stats.Summary.of(s.stream().mapToDouble(FaithfulnessExperiment.Scores::aopcSufficiency).toArray()),
                    org.attnlab.stats.Summary.of(s.stream().mapToDouble(FaithfulnessExperiment.Scores::tauWithLoo).toArray()),
                    meanCurve(s.stream().map(FaithfulnessExperiment.Scores::comprehensiveness).toList(), fractions.length),
                    meanCurve(s.stream().map(FaithfulnessExperiment.Scores::sufficiency).toList(), fractions.length));
            measures.put(id, m);
            if (!id.equals("random") && m.aopcComprehensiveness().mean() > bestComp) {
                bestComp = m.aopcComprehensiveness().mean();
                best = id;
            }
        }
        return new Summary(records.size(), q.size(), fractions, measures, notApplicable, best);
    }

    private static double[] meanCurve(List<double[]> curves, int k) {
        double[] mean = new double[k];
        for (double[] c : curves) {
            for (int i = 0; i < k; i++) {
                mean[i] += c[i] / curves.size();
            }
        }
        return mean;
    }
}
