package org.attnlab.explain;

/** Raw attention weights as importance (the quantity the papers ask about). */
public final class AttentionMeasure implements ImportanceMeasure {

    private final AttentionView view;

    public AttentionMeasure(AttentionView view) {
        this.view = view;
    }

    @Override
    public String id() {
        return "attention";
    }

    @Override
    public String key() {
        return id() + view;
    }

    @Override
    public Importance explain(Instance x) {
        float[][][][] a = x.forward().attentions();
        return new Importance(id(), Scores.attentionRow(a[view.resolveLayer(a.length)], view.head(), view.row()));
    }
}
