package org.attnlab.explain;

import org.attnlab.model.Gradients;

/**
 * Serrano &amp; Smith's gradient orderings, from {@code g_j = dp/dalpha_j}, the gradient of the predicted class's
 * probability w.r.t. the attention weight on token j (computed once at the original attention): {@code g_j}
 * ({@code attention-gradient}), {@code alpha_j g_j} ({@code attention-x-gradient}) or {@code alpha_j sign(g_j)}
 * ({@code attention-x-gradient-sign}, sign(0) = 0: the weight itself, negated where raising it would lower p).
 * For transformers, the chosen layer's row, each head's term summed over the view's heads.
 *
 * <p>The sign ordering is the {@code gradsignmult} of Serrano &amp; Smith's {@code test_model.py}. As written there,
 * {@code multipliers = w.new_ones(...)[grads < 0] = -1} is a Python chained assignment that binds {@code multipliers}
 * to -1, so that code ranks by -alpha (ascending attention); this measure computes what the name and the
 * assignment's intent say.
 */
public final class AttentionGradientMeasure implements ImportanceMeasure {

    /** What multiplies the gradient, or replaces it. */
    public enum Kind {
        GRADIENT("attention-gradient"),
        TIMES_ATTENTION("attention-x-gradient"),
        ATTENTION_TIMES_SIGN("attention-x-gradient-sign");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        double term(double alpha, double gradient) {
            return switch (this) {
                case GRADIENT -> gradient;
                case TIMES_ATTENTION -> alpha * gradient;
                case ATTENTION_TIMES_SIGN -> alpha * Math.signum(gradient);
            };
        }
    }

    private final AttentionView view;
    private final Kind kind;

    public AttentionGradientMeasure(AttentionView view, Kind kind) {
        this.view = view;
        this.kind = kind;
    }

    @Override
    public String id() {
        return kind.id;
    }

    @Override
    public String key() {
        return id() + view;
    }

    @Override
    public Importance explain(Instance x) {
        Gradients g = x.gradients();
        float[][][][] grad = g.attentions();
        float[][][][] att = x.forward().attentions();
        int l = view.resolveLayer(grad.length);
        int keys = grad[l][0][0].length;
        double[] scores = new double[keys];
        for (int h = 0; h < grad[l].length; h++) {
            if (view.head() >= 0 && h != view.head()) {
                continue;
            }
            for (int i = 0; i < grad[l][h].length; i++) {
                if (view.row() >= 0 && i != view.row()) {
                    continue;
                }
                for (int j = 0; j < keys; j++) {
                    scores[j] += kind.term(att[l][h][i][j], grad[l][h][i][j]);
                }
            }
        }
        boolean[] special = x.input().special();
        for (int j = 0; j < keys; j++) {
            scores[j] = special[j] ? 0 : scores[j];
        }
        return new Importance(id(), scores);
    }
}
