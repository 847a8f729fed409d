package org.attnlab.explain;

import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.OutputTarget;

/**
 * Gradient importance of the predicted class's probability w.r.t. the input embeddings.
 * {@code GRAD_X_INPUT} is Jain &amp; Wallace's: attention detached, {@code |sum_d g_td e_td|},
 * normalised to sum 1 over real tokens. {@code L2} is the plain gradient's norm per token.
 */
public final class GradientMeasure implements ImportanceMeasure {

    public enum Kind { GRAD_X_INPUT, L2 }

    private final Kind kind;

    public GradientMeasure(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String id() {
        return kind == Kind.GRAD_X_INPUT ? "gradient" : "gradient-l2";
    }

    @Override
    public Importance explain(Instance x) {
        GradientRequest plain = GradientRequest.of(OutputTarget.probability(x.predicted()));
        if (kind == Kind.GRAD_X_INPUT) {
            Gradients g = x.gradients(plain.detached());
            return new Importance(id(), Scores.absNormalised(g.gradTimesInput(), x.input().special()));
        }
        Gradients g = x.gradients(plain);
        double[] l2 = g.gradL2().clone();
        boolean[] special = x.input().special();
        for (int i = 0; i < l2.length; i++) {
            l2[i] = special[i] ? 0 : l2[i];
        }
        return new Importance(id(), l2);
    }
}
