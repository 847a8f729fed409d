package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Instance;

/**
 * Wiegreffe &amp; Pinter's model-consistent adversaries (§4): models trained to predict like the subject while their
 * attention diverges from its (loss TVD - λ KL); per instance and λ, JSD(α_adv, α_base) over the real tokens and
 * TVD(ŷ_adv, ŷ_base). Their per-λ means trace W&amp;P's Figure 4 curve.
 */
public final class ConsistentAdversaryExperiment extends CompanionComparison<ConsistentAdversaryExperiment.Result> {

    /** One adversary on the instance. */
    public record LambdaDistance(double lambda, double jsd, double tvd) {
    }

    /** Record fields: one entry per λ, in the settings' order. */
    public record Result(List<LambdaDistance> adversaries) {
    }

    private final List<Double> lambdas;

    public ConsistentAdversaryExperiment(List<Double> lambdas, AttentionView view) {
        super(view);
        this.lambdas = List.copyOf(lambdas);
    }

    @Override
    public Result run(Instance x, Companions companions) {
        if (x.realTokens().length < 2) {
            return null; // one real token: no attention can differ
        }
        List<LambdaDistance> out = new ArrayList<>();
        for (double lambda : lambdas) {
            ModelDistance d = compare(x, companions, new Companion.ConsistentAdversary(lambda)).distance();
            out.add(new LambdaDistance(lambda, d.jsd(), d.tvd()));
        }
        return new Result(out);
    }
}
