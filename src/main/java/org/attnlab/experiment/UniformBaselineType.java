package org.attnlab.experiment;

import java.util.List;

/** {@code type: uniform-baseline} (Wiegreffe &amp; Pinter §3.1): the subject against its spec with uniform attention. */
public final class UniformBaselineType
        extends TypeBase<UniformBaselineType.Settings, UniformBaselineExperiment.Result, UniformBaselineType.Summary> {

    public static final UniformBaselineType INSTANCE = new UniformBaselineType();

    /** No keys: the uniform model is the subject's spec with attention frozen. */
    public record Settings() implements ExperimentSettings {
    }

    /**
     * Scores over the sampled instances (W&amp;P's Table 2 reports them on the whole test set).
     *
     * @param base         the subject model
     * @param uniform      the uniform-attention model
     * @param macroF1Gain  base macro-F1 minus uniform macro-F1: what trained attention adds
     * @param distance     JSD / TVD of the uniform model from the subject (W&amp;P's Figure 4 uniform point)
     */
    public record Summary(int records, int qualifying, LabelScores base, LabelScores uniform, double macroF1Gain,
                          DistanceSummary distance) {
    }

    private UniformBaselineType() {
        super("uniform-baseline", Settings.class, UniformBaselineExperiment.Result.class);
    }

    @Override
    public List<Companion> companions(Settings settings) {
        return List.of(new Companion.Uniform());
    }

    @Override
    public Experiment<UniformBaselineExperiment.Result> create(Settings settings, ExperimentContext context) {
        return new UniformBaselineExperiment(context.view());
    }

    @Override
    public Summary summarize(List<ResultRecord<UniformBaselineExperiment.Result>> records) {
        List<ResultRecord<UniformBaselineExperiment.Result>> q = records.stream().filter(ResultRecord::qualifies).toList();
        List<String> gold = q.stream().map(r -> r.instance().label()).toList();
        LabelScores base = LabelScores.of(gold, q.stream().map(ResultRecord::predicted).toList());
        LabelScores uniform = LabelScores.of(gold, q.stream().map(r -> r.result().uniformPredicted()).toList());
        return new Summary(records.size(), q.size(), base, uniform, base.macroF1() - uniform.macroF1(), DistanceSummary.of(
                q.stream().map(r -> new double[] {r.result().jsd(), r.result().tvd()}).toList()));
    }
}
