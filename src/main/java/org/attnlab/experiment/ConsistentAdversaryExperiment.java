package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.explain.AttentionMeasure;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;

/**
 * Wiegreffe &amp; Pinter's model-consistent adversaries (§4): models trained to predict like the subject while their
 * attention diverges from its (loss TVD - λ KL); per instance and λ, JSD(α_adv, α_base) over the real tokens and
 * TVD(ŷ_adv, ŷ_base). Their per-λ means trace W&amp;P's Figure 4 curve.
 */
public final class ConsistentAdversaryExperiment implements Experiment<ConsistentAdversaryExperiment.Result> {

    /** One adversary on the instance. */
    public record LambdaDistance(double lambda, double jsd, double tvd) {
    }

    /** Record fields: one entry per λ, in the settings' order. */
    public record Result(List<LambdaDistance> adversaries) {
    }

    private final List<Double> lambdas;
    private final AttentionView view;

    public ConsistentAdversaryExperiment(List<Double> lambdas, AttentionView view) {
        this.lambdas = List.copyOf(lambdas);
        this.view = view;
    }

    @Override
    public List<ImportanceMeasure> measures() {
        return List.of(new AttentionMeasure(view));
    }

    @Override
    public Result run(Instance x) {
        return run(x, Companions.NONE);
    }

    @Override
    public Result run(Instance x, Companions companions) {
        if (x.realTokens().length < 2) {
            return null; // one real token: no attention can differ
        }
        List<LambdaDistance> out = new ArrayList<>();
        for (double lambda : lambdas) {
            Instance adversary = Companions.sameTokens(companions.model(new Companion.ConsistentAdversary(lambda).role()), x);
            ModelDistance d = ModelDistance.between(x, adversary, view);
            out.add(new LambdaDistance(lambda, d.jsd(), d.tvd()));
        }
        return new Result(out);
    }
}
