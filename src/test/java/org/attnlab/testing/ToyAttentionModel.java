package org.attnlab.testing;

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
 * A hand-analysable attention classifier in plain Java, so experiments can be tested against values
 * worked out on paper. Each word has a score s and a value v (its 2-d "embedding" is (s, v));
 * attention over the real tokens is softmax(s), z = sum_t alpha_t v_t + BIAS, P(pos) = sigmoid(z). Text is
 * wrapped as [CLS] words [SEP]; one layer, one head, one query row, like the papers' RNN models.
 */
public final class ToyAttentionModel implements ClassifierModel {

    /** Output bias: with all attention erased the model says "neg". */
    public static final double BIAS = -0.1;

    private final Map<String, double[]> words;
    private final List<String> vocab;
    private final long delayMillis;

    /** @param words word to {score, value}; @param delayMillis sleep per forward (to make kill tests land mid-run) */
    public ToyAttentionModel(Map<String, double[]> words, long delayMillis) {
        this.words = Map.copyOf(words);
        this.vocab = new ArrayList<>(new java.util.TreeSet<>(words.keySet()));
        this.delayMillis = delayMillis;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("toy", "toy-attention", 1, 1, 512, List.of("neg", "pos"));
    }

    @Override
    public TokenizedText tokenize(String text, boolean truncate) {
        List<String> tokens = new ArrayList<>();
        tokens.add("[CLS]");
        tokens.addAll(Arrays.asList(text.trim().split("\\s+")));
        tokens.add("[SEP]");
        long[] ids = new long[tokens.size()];
        boolean[] special = new boolean[tokens.size()];
        special[0] = true;
        special[tokens.size() - 1] = true;
        for (int i = 1; i < tokens.size() - 1; i++) {
            int id = vocab.indexOf(tokens.get(i));
            if (id < 0) {
                throw new IllegalArgumentException("unknown word " + tokens.get(i));
            }
            ids[i] = id + 1;
        }
        return new TokenizedText(text, tokens, ids, special);
    }

    private double[][] embeddings(TokenizedText x, double scale) {
        double[][] e = new double[x.length()][2];
        for (int t = 0; t < x.length(); t++) {
            if (!x.special()[t]) {
                double[] sv = words.get(x.tokens().get(t));
                e[t][0] = scale * sv[0];
                e[t][1] = scale * sv[1];
            }
        }
        return e;
    }

    static double[] attention(TokenizedText x, double[][] e) {
        double[] alpha = new double[x.length()];
        double sum = 0;
        for (int t = 0; t < alpha.length; t++) {
            if (!x.special()[t]) {
                alpha[t] = Math.exp(e[t][0]);
                sum += alpha[t];
            }
        }
        for (int t = 0; t < alpha.length && sum > 0; t++) {
            alpha[t] /= sum;
        }
        return alpha;
    }

    /** Applies the edits of layer 0 to the single attention row, as the interface defines them. */
    static double[] edit(double[] alpha, List<AttentionEdit> edits) {
        double[] a = alpha.clone();
        for (AttentionEdit edit : edits) {
            if (edit instanceof AttentionEdit.ZeroKeys z) {
                for (int k : z.keys()) {
                    a[k] = 0;
                }
                double sum = Arrays.stream(a).sum();
                for (int j = 0; j < a.length && sum > 0; j++) {
                    a[j] /= sum;
                }
            } else if (edit instanceof AttentionEdit.PermuteKeys p) {
                double[] old = a.clone();
                for (int j = 0; j < a.length; j++) {
                    a[j] = old[p.permutation()[j]];
                }
            } else if (edit instanceof AttentionEdit.Replace r) {
                a = r.matrix()[0].clone();
            } else if (edit instanceof AttentionEdit.Apply f) {
                a = f.function().apply(new double[][] {a})[0];
            }
        }
        return a;
    }

    private ForwardResult result(TokenizedText x, double[] alpha, double[][] e) {
        double z = BIAS;
        float[][] values = new float[x.length()][1];
        for (int t = 0; t < alpha.length; t++) {
            z += alpha[t] * e[t][1];
            values[t][0] = (float) e[t][1];
        }
        double p = 1 / (1 + Math.exp(-z));
        float[] row = new float[alpha.length];
        for (int t = 0; t < row.length; t++) {
            row[t] = (float) alpha[t];
        }
        return new ForwardResult(new double[] {0, z}, new double[] {1 - p, p}, new float[][][][] {{{row}}}, null,
                new float[][][][] {{values}});
    }

    @Override
    public List<ForwardResult> forward(List<TokenizedText> inputs, ForwardOptions options) {
        List<ForwardResult> out = new ArrayList<>();
        for (TokenizedText x : inputs) {
            double[][] e = embeddings(x, 1);
            out.add(result(x, attention(x, e), e));
        }
        pause();
        return out;
    }

    @Override
    public List<ForwardResult> forwardEdited(TokenizedText x, List<List<AttentionEdit>> editSets, ForwardOptions options) {
        double[][] e = embeddings(x, 1);
        double[] alpha = attention(x, e);
        List<ForwardResult> out = new ArrayList<>();
        for (List<AttentionEdit> set : editSets) {
            out.add(result(x, edit(alpha, set), e));
        }
        pause();
        return out;
    }

    /** Analytic gradients of P(class) (or z) w.r.t. the (s, v) embeddings and alpha. */
    @Override
    public Gradients gradients(TokenizedText x, GradientRequest request) {
        double[][] e = embeddings(x, request.embeddingScale());
        double[] alpha = edit(attention(x, e), request.edits());
        ForwardResult r = result(x, alpha, e);
        double z = r.logits()[1];
        double p = r.probabilities()[1];
        int c = request.target().classIndex();
        double dOut = request.target().kind() == org.attnlab.model.OutputTarget.Kind.LOGIT ? (c == 1 ? 1 : 0)
                : (c == 1 ? 1 : -1) * p * (1 - p);
        float[][] grad = new float[x.length()][2];
        double[] gradTimesInput = new double[x.length()];
        double[] l2 = new double[x.length()];
        float[] dAlpha = new float[x.length()];
        for (int t = 0; t < x.length(); t++) {
            if (x.special()[t]) {
                continue;
            }
            double ds = request.detachAttention() ? 0 : dOut * alpha[t] * (e[t][1] - z);
            double dv = dOut * alpha[t];
            grad[t][0] = (float) ds;
            grad[t][1] = (float) dv;
            gradTimesInput[t] = ds * e[t][0] + dv * e[t][1];
            l2[t] = Math.hypot(ds, dv);
            dAlpha[t] = (float) (dOut * e[t][1]);
        }
        boolean logit = request.target().kind() == org.attnlab.model.OutputTarget.Kind.LOGIT;
        return new Gradients(request.target(), logit ? r.logits()[c] : r.probabilities()[c], grad, gradTimesInput, l2, new float[][][][] {{{dAlpha}}});
    }

    private void pause() {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
    }
}
