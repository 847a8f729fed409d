package org.attnlab.explain;

import java.util.List;

/** Importance measures by id, as suites name them. */
public final class Measures {

    public static final List<String> IDS = List.of("attention", "rollout", "gradient", "gradient-l2",
            "integrated-gradients", "loo", "attention-gradient", "attention-x-gradient", "attention-x-gradient-sign",
            "effective-attention",
            "efficient-attention", "norm", "lime", "attention-flow", "value-zeroing", "alti", "random");

    private Measures() {
    }

    /**
     * What the measures that have settings are built with.
     *
     * @param view            which attention the attention-based measures read
     * @param integratedSteps path points of integrated gradients
     * @param limeSamples     perturbed copies per instance for LIME
     * @param seed            LIME's sampling seed and the random order's (each mixed with the instance id)
     */
    public record Settings(AttentionView view, int integratedSteps, int limeSamples, long seed) {

        public static final Settings DEFAULT = new Settings(AttentionView.DEFAULT, 20, LimeMeasure.DEFAULT_SAMPLES,
                LimeMeasure.DEFAULT_SEED);
    }

    public static ImportanceMeasure byId(String id, Settings settings) {
        AttentionView view = settings.view();
        int integratedSteps = settings.integratedSteps();
        // Rollout-like measures follow one query row up through the layers: the view's row, or [CLS] for "mean".
        int row = view.row() < 0 ? 0 : view.row();
        return switch (id) {
            case "attention" -> new AttentionMeasure(view);
            case "rollout" -> new RolloutMeasure(row);
            case "gradient" -> new GradientMeasure(GradientMeasure.Kind.GRAD_X_INPUT);
            case "gradient-l2" -> new GradientMeasure(GradientMeasure.Kind.L2);
            case "integrated-gradients" -> new IntegratedGradientsMeasure(integratedSteps);
            case "loo" -> new LeaveOneOutMeasure();
            case "attention-gradient" -> new AttentionGradientMeasure(view, AttentionGradientMeasure.Kind.GRADIENT);
            case "attention-x-gradient" -> new AttentionGradientMeasure(view, AttentionGradientMeasure.Kind.TIMES_ATTENTION);
            case "attention-x-gradient-sign" ->
                    new AttentionGradientMeasure(view, AttentionGradientMeasure.Kind.ATTENTION_TIMES_SIGN);
            case "effective-attention" -> new FormAttentionMeasure(view, AttentionForm.EFFECTIVE);
            case "efficient-attention" -> new FormAttentionMeasure(view, AttentionForm.EFFICIENT);
            case "norm" -> new NormMeasure(view);
            case "lime" -> new LimeMeasure(settings.limeSamples(), settings.seed());
            case "attention-flow" -> new AttentionFlowMeasure(row);
            case "value-zeroing" -> new ValueZeroingMeasure(row, -1);
            case "alti" -> new AltiMeasure(row);
            case "random" -> new RandomOrderMeasure(settings.seed());
            default -> throw new IllegalArgumentException("unknown importance measure '" + id + "'; expected one of "
                    + String.join(", ", IDS));
        };
    }
}
