package org.attnlab.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.ModelInfo;

/**
 * A bag-of-words classifier whose per-token effects are known exactly, for LIME. Text is split on spaces and
 * wrapped as {@code [CLS] ... [SEP]}; a token written {@code ##x} is a WordPiece continuation. Each token t has a
 * weight w(t); with {@code s = sum_t w(t)} over the real tokens, P(pos) is {@code 0.5 + s} ({@link Link#LINEAR},
 * exactly linear in which tokens are present, so least squares recovers w) or {@code sigmoid(s)}
 * ({@link Link#LOGISTIC}). Records the size of every forward call.
 */
final class BagOfWordsModel implements ClassifierModel {

    enum Link { LINEAR, LOGISTIC }

    private final Map<String, Double> weights;
    private final Link link;
    private final List<Integer> calls = new ArrayList<>();

    BagOfWordsModel(Map<String, Double> weights, Link link) {
        this.weights = Map.copyOf(weights);
        this.link = link;
    }

    /** Inputs per forward call, in call order. */
    List<Integer> calls() {
        return List.copyOf(calls);
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("bag-of-words", "toy", 1, 1, 512, List.of("neg", "pos"));
    }

    @Override
    public TokenizedText tokenize(String text, boolean truncate) {
        List<String> tokens = new ArrayList<>();
        tokens.add("[CLS]");
        tokens.addAll(Arrays.asList(text.trim().split(" +")));
        tokens.add("[SEP]");
        boolean[] special = new boolean[tokens.size()];
        special[0] = true;
        special[tokens.size() - 1] = true;
        long[] ids = new long[tokens.size()];
        for (int t = 1; t < tokens.size() - 1; t++) {
            if (!weights.containsKey(tokens.get(t))) {
                throw new IllegalArgumentException("unknown token " + tokens.get(t));
            }
        }
        return new TokenizedText(text, tokens, ids, special);
    }

    /** P(pos) of {@code x}. */
    double positive(TokenizedText x) {
        double s = 0;
        for (int t = 0; t < x.length(); t++) {
            s += x.special()[t] ? 0 : weights.get(x.tokens().get(t));
        }
        return link == Link.LINEAR ? 0.5 + s : 1 / (1 + Math.exp(-s));
    }

    @Override
    public List<ForwardResult> forward(List<TokenizedText> inputs, ForwardOptions options) {
        calls.add(inputs.size());
        List<ForwardResult> out = new ArrayList<>();
        for (TokenizedText x : inputs) {
            double p = positive(x);
            if (p < 0 || p > 1) {
                throw new IllegalStateException("weights too large: P(pos) = " + p + " for " + x);
            }
            out.add(new ForwardResult(new double[] {Math.log(1 - p), Math.log(p)}, new double[] {1 - p, p}, null,
                    null));
        }
        return out;
    }

    @Override
    public List<ForwardResult> forwardEdited(TokenizedText input, List<List<AttentionEdit>> editSets,
                                             ForwardOptions options) {
        throw new UnsupportedOperationException("a bag of words has no attention");
    }

    @Override
    public Gradients gradients(TokenizedText input, GradientRequest request) {
        throw new UnsupportedOperationException("not needed by LIME");
    }

    @Override
    public void close() {
    }
}
