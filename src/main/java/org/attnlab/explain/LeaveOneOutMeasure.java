package org.attnlab.explain;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.stats.Divergences;

/**
 * Leave-one-out (Jain &amp; Wallace): delete token t (not mask it), re-run, and score t by the total
 * variation distance between the output distributions. All deletions of an input run as one batch.
 */
public final class LeaveOneOutMeasure implements ImportanceMeasure {

    @Override
    public String id() {
        return "loo";
    }

    @Override
    public Importance explain(Instance x) {
        int[] real = x.realTokens();
        List<TokenizedText> variants = new ArrayList<>(real.length);
        for (int t : real) {
            variants.add(x.without(t));
        }
        List<ForwardResult> out = x.model().forward(variants, ForwardOptions.OUTPUT_ONLY);
        double[] scores = new double[x.input().length()];
        for (int k = 0; k < real.length; k++) {
            scores[real[k]] = Divergences.totalVariation(x.probabilities(), out.get(k).probabilities());
        }
        return new Importance(id(), scores);
    }
}
