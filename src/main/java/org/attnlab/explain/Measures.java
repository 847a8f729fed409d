package org.attnlab.explain;

import java.util.List;

/** Importance measures by id, as suites name them. */
public final class Measures {

    public static final List<String> IDS = List.of("attention", "rollout", "gradient", "gradient-l2",
            "integrated-gradients", "loo", "attention-gradient", "attention-x-gradient", "effective-attention",
            "efficient-attention");

    private Measures() {
    }

    /**
     * @param view             which attention the attention-based measures read
     * @param integratedSteps  path points of integrated gradients
     */
    public static ImportanceMeasure byId(String id, AttentionView view, int integratedSteps) {
        return switch (id) {
            case "attention" -> new AttentionMeasure(view);
            case "rollout" -> new RolloutMeasure(view.row() < 0 ? 0 : view.row());
            case "gradient" -> new GradientMeasure(GradientMeasure.Kind.GRAD_X_INPUT);
            case "gradient-l2" -> new GradientMeasure(GradientMeasure.Kind.L2);
            case "integrated-gradients" -> new IntegratedGradientsMeasure(integratedSteps);
            case "loo" -> new LeaveOneOutMeasure();
            case "attention-gradient" -> new AttentionGradientMeasure(view, false);
            case "attention-x-gradient" -> new AttentionGradientMeasure(view, true);
            case "effective-attention" -> new FormAttentionMeasure(view, AttentionForm.EFFECTIVE);
            case "efficient-attention" -> new FormAttentionMeasure(view, AttentionForm.EFFICIENT);
            default -> throw new IllegalArgumentException("unknown importance measure '" + id + "'; expected one of "
                    + String.join(", ", IDS));
        };
    }
}
