package org.attnlab.model.djl.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attnlab.model.TrainingOptions;

/**
 * Adam with the AMSGrad variant and coupled L2 weight decay, step for step as
 * {@code torch.optim.Adam(lr, weight_decay=wd, amsgrad=True)} (what Jain &amp; Wallace train with):
 * {@code g += wd * w; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; vmax = max(vmax, v);
 * w -= lr / (1-b1^t) * m / (sqrt(vmax) / sqrt(1-b2^t) + eps)}. Written here because DJL 0.35.1's
 * {@code Adam} has no AMSGrad. The decay applies to every parameter, embeddings and biases included,
 * except where {@link RnnTrainingRecipe#decayOf} gives a parameter its own (Jain &amp; Wallace: none on the
 * attention; one Adam per parameter group with equal settings is this one Adam with per-parameter decay).
 *
 * <p>The moment arrays are made once, in the model's base manager; every temporary of a step lives in
 * an {@link NDScope} closed before {@link #update} returns (docs/djl-pitfalls.md, 5).
 */
final class AmsGradAdam {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final TrainingOptions options;
    private final RnnTrainingRecipe recipe;
    private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
    private int steps;

    AmsGradAdam(TrainingOptions options, Map<String, NDArray> parameters, NDManager base) {
        this(options, RnnTrainingRecipe.DEFAULT, parameters, base);
    }

    AmsGradAdam(TrainingOptions options, RnnTrainingRecipe recipe, Map<String, NDArray> parameters, NDManager base) {
        this.options = options;
        this.recipe = recipe;
        for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
            NDArray w = p.getValue();
            moments.put(p.getKey(), new NDArray[] {base.zeros(w.getShape(), w.getDataType()),
                base.zeros(w.getShape(), w.getDataType()), base.zeros(w.getShape(), w.getDataType())});
        }
    }

    /** One step on every parameter from its accumulated gradient, which is then zeroed. */
    void update(Map<String, NDArray> parameters) {
        steps++;
        double stepSize = options.learningRate() / (1 - Math.pow(BETA1, steps));
        double sqrtBias2 = Math.sqrt(1 - Math.pow(BETA2, steps));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
                NDArray w = p.getValue();
                NDArray[] s = moments.get(p.getKey());
                NDArray grad = w.getGradient();
                NDArray g = grad.add(w.mul(constant(w, recipe.decayOf(p.getKey(), options.weightDecay()))));
                s[0].muli(constant(w, BETA1)).addi(g.mul(constant(w, 1 - BETA1)));
                s[1].muli(constant(w, BETA2)).addi(g.mul(g).mul(constant(w, 1 - BETA2)));
                NDArray vmax = s[2].maximum(s[1]);
                NDScope.unregister(vmax);
                s[2].intern(vmax);
                NDArray denominator = s[2].sqrt().div(constant(w, sqrtBias2)).add(constant(w, EPSILON));
                w.subi(s[0].div(denominator).mul(constant(w, stepSize)));
                grad.subi(grad);
            }
        }
    }

    /** A 0-d array of {@code w}'s type; created inside the step's scope, so it is closed with it. */
    private static NDArray constant(NDArray w, double value) {
        DataType dtype = w.getDataType();
        return w.getManager().create(value).toType(dtype, false);
    }
}
