package org.attnlab.explain;

import org.attnlab.model.ForwardResult;

/**
 * Norm-based attention (Kobayashi et al. 2020): key j scores {@code alpha_ij ||f(x_j)||}, the size of what j
 * actually adds to the attention output rather than its weight alone, since a large weight on a near-zero
 * vector moves nothing. For a transformer {@code f(x) = (x W_V + b_V) W_O^h}, head h's share of the attention
 * output dense (its bias, shared by all keys, is left out); for the RNN models {@code f(h_j) = h_j}, the
 * encoder state the context sums. Read like {@link AttentionMeasure}: the view's layer, its head or the mean
 * over heads of {@code alpha^h_ij ||f^h(x_j)||}, its row or the mean over rows.
 */
public final class NormMeasure implements ImportanceMeasure {

    private final AttentionView view;

    public NormMeasure(AttentionView view) {
        this.view = view;
    }

    @Override
    public String id() {
        return "norm";
    }

    @Override
    public String key() {
        return id() + view;
    }

    @Override
    public Importance explain(Instance x) {
        ForwardResult forward = x.forward();
        if (forward.transformedNorms() == null) {
            throw new IllegalStateException(x.model().info().name() + " does not report the norms of its transformed"
                    + " value vectors, which norm-based attention needs");
        }
        int l = view.resolveLayer(forward.attentions().length);
        float[][][] attention = forward.attentions()[l];
        float[][] norms = forward.transformedNorms()[l];
        float[][][] weighted = new float[attention.length][][];
        for (int h = 0; h < attention.length; h++) {
            weighted[h] = new float[attention[h].length][];
            for (int i = 0; i < attention[h].length; i++) {
                weighted[h][i] = new float[norms[h].length];
                for (int j = 0; j < norms[h].length; j++) {
                    weighted[h][i][j] = attention[h][i][j] * norms[h][j];
                }
            }
        }
        return new Importance(id(), Scores.attentionRow(weighted, view.head(), view.row()));
    }
}
