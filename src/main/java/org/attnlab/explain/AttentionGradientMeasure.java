package org.attnlab.explain;

import org.attnlab.model.Gradients;

/**
 * Serrano &amp; Smith's gradient orderings: {@code dp/dalpha_j} of the predicted class's probability
 * w.r.t. the attention weight on token j (computed once at the original attention), or
 * {@code alpha_j dp/dalpha_j}. For transformers, the chosen layer's row, summed over heads.
 */
public final class AttentionGradientMeasure implements ImportanceMeasure {

    private final AttentionView view;
    private final boolean timesAttention;

    public AttentionGradientMeasure(AttentionView view, boolean timesAttention) {
        this.view = view;
        this.timesAttention = timesAttention;
    }

    @Override
    public String id() {
        return timesAttention ? "attention-x-gradient" : "attention-gradient";
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
                    scores[j] += grad[l][h][i][j] * (timesAttention ? att[l][h][i][j] : 1.0);
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
