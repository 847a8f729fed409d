package org.attnlab.explain;

/**
 * Effective or efficient attention as importance: for the view's layer, each head's matrix (only the
 * view's row) is replaced by its form given that head's values, then heads are averaged as for raw attention.
 */
public final class FormAttentionMeasure implements ImportanceMeasure {

    private final AttentionView view;
    private final AttentionForm form;

    public FormAttentionMeasure(AttentionView view, AttentionForm form) {
        if (form == AttentionForm.RAW) {
            throw new IllegalArgumentException("raw attention is AttentionMeasure");
        }
        this.view = view;
        this.form = form;
    }

    @Override
    public String id() {
        return form == AttentionForm.EFFECTIVE ? "effective-attention" : "efficient-attention";
    }

    @Override
    public String key() {
        return id() + view;
    }

    @Override
    public Importance explain(Instance x) {
        float[][][][] a = x.forward().attentions();
        float[][][][] v = x.forward().values();
        int l = view.resolveLayer(a.length);
        int keys = a[l][0][0].length;
        double[] scores = new double[keys];
        int count = 0;
        for (int h = 0; h < a[l].length; h++) {
            if (view.head() >= 0 && h != view.head()) {
                continue;
            }
            double[][] formed = form.of(AttentionForm.rows(a[l][h], view.row()), AttentionForm.rows(v[l][h], -1));
            for (double[] row : formed) {
                for (int j = 0; j < keys; j++) {
                    scores[j] += row[j];
                }
                count++;
            }
        }
        for (int j = 0; j < keys; j++) {
            scores[j] /= count;
        }
        return new Importance(id(), scores);
    }
}
