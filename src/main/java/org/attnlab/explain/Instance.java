package org.attnlab.explain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.OutputTarget;

/**
 * One input being analysed with one model: the tokenised text, its gold label, and the model's
 * forward and gradients computed once and shared by every measure and experiment that asks.
 * Not thread-safe.
 */
public final class Instance {

    private final ClassifierModel model;
    private final String id;
    private final TokenizedText input;
    private final int gold;
    private ForwardResult forward;
    private final Map<GradientRequest, Gradients> gradients = new HashMap<>();
    private final Map<String, Importance> importances = new HashMap<>();

    public Instance(ClassifierModel model, String id, TokenizedText input, int gold) {
        this.model = model;
        this.id = id;
        this.input = input;
        this.gold = gold;
    }

    public ClassifierModel model() {
        return model;
    }

    public String id() {
        return id;
    }

    public TokenizedText input() {
        return input;
    }

    public int gold() {
        return gold;
    }

    /** The unedited forward with attention and values. */
    public ForwardResult forward() {
        if (forward == null) {
            forward = model.forward(input, ForwardOptions.EVERYTHING);
        }
        return forward;
    }

    /** The predicted class: the class every explanation explains (as in Jain &amp; Wallace). */
    public int predicted() {
        return forward().predicted();
    }

    public double[] probabilities() {
        return forward().probabilities();
    }

    /** Gradients of the predicted class's probability under {@code request}'s other settings, memoised. */
    public Gradients gradients(GradientRequest request) {
        return gradients.computeIfAbsent(request, r -> model.gradients(input, r));
    }

    /** Gradients of the predicted class's probability, plain. */
    public Gradients gradients() {
        return gradients(GradientRequest.of(OutputTarget.probability(predicted())));
    }

    /** The measure's scores for this instance, computed once per {@linkplain ImportanceMeasure#key() key}. */
    public Importance importance(ImportanceMeasure measure) {
        Importance cached = importances.get(measure.key());
        if (cached == null) {
            cached = measure.explain(this);
            importances.put(measure.key(), cached);
        }
        return cached;
    }

    /** Indices of the non-special tokens, the ones every comparison is over. */
    public int[] realTokens() {
        boolean[] special = input.special();
        return java.util.stream.IntStream.range(0, special.length).filter(i -> !special[i]).toArray();
    }

    /** The input with the token at {@code position} deleted (leave-one-out). */
    public TokenizedText without(int position) {
        List<String> tokens = new java.util.ArrayList<>(input.tokens());
        tokens.remove(position);
        long[] ids = input.ids();
        boolean[] special = input.special();
        long[] keptIds = new long[ids.length - 1];
        boolean[] keptSpecial = new boolean[ids.length - 1];
        for (int i = 0, k = 0; i < ids.length; i++) {
            if (i != position) {
                keptIds[k] = ids[i];
                keptSpecial[k++] = special[i];
            }
        }
        return new TokenizedText(input.text(), tokens, keptIds, keptSpecial);
    }
}
