package org.attnlab.experiment;

import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Instance;

/**
 * Wiegreffe &amp; Pinter's uniform-weights baseline (§3.1): the subject's spec trained with attention frozen uniform
 * over the real tokens. Per instance, the uniform model's prediction beside the subject's (in the common fields);
 * if attention is needed at all, the subject predicts better. Also its {@link ModelDistance} from the subject, the
 * uniform point of W&amp;P's Figure 4.
 */
public final class UniformBaselineExperiment extends CompanionComparison<UniformBaselineExperiment.Result> {

    /**
     * Record fields.
     *
     * @param uniformPredicted     the uniform model's predicted label
     * @param uniformProbabilities its output distribution (the dataset's label order)
     * @param jsd                  JSD(uniform attention, subject's attention) over the real tokens
     * @param tvd                  TVD(uniform model's output, subject's output)
     */
    public record Result(String uniformPredicted, double[] uniformProbabilities, double jsd, double tvd) {
    }

    public UniformBaselineExperiment(AttentionView view) {
        super(view);
    }

    @Override
    public Result run(Instance x, Companions companions) {
        Compared uniform = compare(x, companions, new Companion.Uniform());
        ModelDistance d = uniform.distance();
        return new Result(x.model().info().labels().get(uniform.instance().predicted()), uniform.instance().probabilities(),
                d.jsd(), d.tvd());
    }
}
