package org.attnlab.explain;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.model.NotApplicableException;

/**
 * Attention rollout (Abnar &amp; Zuidema 2020): per layer the head-mean attention mixed with the
 * identity for the residual connection, {@code 0.5 A + 0.5 I} row-normalised, multiplied from the
 * first layer up; the score of token j is row {@code row} of the product.
 */
public final class RolloutMeasure implements ImportanceMeasure {

    private final int row;

    public RolloutMeasure(int row) {
        this.row = row;
    }

    @Override
    public String id() {
        return "rollout";
    }

    @Override
    public String key() {
        return id() + "[row=" + row + "]";
    }

    @Override
    public Importance explain(Instance x) {
        float[][][][] a = x.forward().attentions();
        int n = a[0][0][0].length;
        if (a[0][0].length != n) {
            throw new NotApplicableException("rollout needs square self-attention; "
                    + x.model().info().name() + " has " + a[0][0].length + " query rows");
        }
        List<double[][]> mixed = new ArrayList<>(a.length);
        for (float[][][] layer : a) {
            mixed.add(ContextMixing.residualMixed(layer));
        }
        return new Importance(id(), ContextMixing.rollout(mixed)[row].clone(), ContextMixing.allLayers(a.length));
    }
}
