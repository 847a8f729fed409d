package org.attnlab.model.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Gradients;
import org.attnlab.model.OutputTarget;

/**
 * Central finite differences in float64, the oracle of the gradient tests of every BERT-family architecture (and,
 * through {@link #nudge}, of the attention-gradient measures).
 */
public final class FiniteDifferences {

    public static final double STEP = 1e-6;

    private FiniteDifferences() {
    }

    /** Adds {@code delta} to one attention weight (a JVM edit: no gradient flows through it). */
    public static AttentionEdit nudge(int layer, int head, int i, int j, double delta) {
        return new AttentionEdit.Apply(layer, head, m -> {
            m[i][j] += delta;
            return m;
        });
    }

    /**
     * The largest relative error of {@code analytic} against {@code numeric}, each entry scaled by its own size but
     * not below a thousandth of the largest (so near-zero entries do not dominate).
     */
    static double maxRelativeError(double[] analytic, double[] numeric) {
        double scale = 0;
        for (double v : numeric) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, "the finite differences are not all zero");
        double worst = 0;
        for (int i = 0; i < analytic.length; i++) {
            double denom = Math.max(Math.abs(numeric[i]), 1e-3 * scale);
            worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]) / denom);
        }
        return worst;
    }

    /**
     * Max relative error of the model's gradient of P(class 0) w.r.t. every (layer, head, query, key) attention
     * weight against central differences, every weight perturbed up and down in one batch of edited forwards.
     */
    static double attentionGradientError(ClassifierModel model, TokenizedText input) {
        Gradients g = model.gradients(input, OutputTarget.probability(0));
        int n = input.length();
        int layers = model.info().layers();
        int heads = model.info().heads();
        List<List<AttentionEdit>> edits = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        edits.add(List.of(nudge(l, h, i, j, STEP)));
                        edits.add(List.of(nudge(l, h, i, j, -STEP)));
                    }
                }
            }
        }
        List<ForwardResult> out = model.forwardEdited(input, edits, ForwardOptions.OUTPUT_ONLY);
        double[] analytic = new double[layers * heads * n * n];
        double[] fd = new double[analytic.length];
        int e = 0;
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        analytic[e] = g.attentions()[l][h][i][j];
                        fd[e] = (out.get(2 * e).probabilities()[0] - out.get(2 * e + 1).probabilities()[0]) / (2 * STEP);
                        e++;
                    }
                }
            }
        }
        return maxRelativeError(analytic, fd);
    }
}
