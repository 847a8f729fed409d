package org.attnlab.model.djl.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;

/**
 * What one training step of a {@link DjlRnnAttentionModel} minimises, and with which attention: ordinary
 * cross-entropy; cross-entropy with the pooling weights imposed (Wiegreffe &amp; Pinter's diagnostic models); or
 * Wiegreffe &amp; Pinter's model-consistent adversarial loss against a frozen reference model. The training loop
 * stays the same for all of them ({@link RnnTrainer}): an objective only supplies the alpha the step pools with
 * (or none: the model's own) and the loss of (logits, alpha).
 */
public abstract sealed class RnnObjective {

    /** Added inside the logarithms of the KL term so that 0 log 0 is 0 with a finite gradient (as W&amp;P's {@code kld}). */
    static final double LOG_EPSILON = 1e-10;

    private RnnObjective() {
    }

    /** Cross-entropy against the gold labels, weighted and reduced as the model's {@link RnnTrainingRecipe} says. */
    public static RnnObjective crossEntropy() {
        return CrossEntropy.OWN_ALPHA;
    }

    /**
     * Cross-entropy as {@link #crossEntropy()}, but the step pools with {@code alphas.apply(inputs)} (per input a row
     * of {@code input.length()} weights, in input order) instead of the model's attention. The imposed weights are
     * constants: no gradient reaches them. Meant for models with {@code uniform} attention (W&amp;P's diagnostics):
     * attention parameters, where a model has them, get no loss gradient, only their weight decay.
     */
    public static RnnObjective imposedAttention(Function<List<TokenizedText>, double[][]> alphas) {
        return new CrossEntropy(Objects.requireNonNull(alphas, "alphas"));
    }

    /**
     * The attention rows of {@code source} on the given inputs (its own forward, no gradient): what
     * {@link #imposedAttention} takes to impose another model's attention. The inputs' token ids must mean the same
     * words to {@code source} (the same vocabulary).
     */
    public static Function<List<TokenizedText>, double[][]> attentionOf(ClassifierModel source) {
        return inputs -> alphaRows(source.forward(inputs, ForwardOptions.WITH_ATTENTIONS));
    }

    /** The single attention row (layer 0, head 0, query 0) of each result. */
    private static double[][] alphaRows(List<ForwardResult> results) {
        double[][] rows = new double[results.size()][];
        for (int i = 0; i < rows.length; i++) {
            float[] row = results.get(i).attentions()[0][0][0];
            rows[i] = new double[row.length];
            for (int t = 0; t < row.length; t++) {
                rows[i][t] = row[t];
            }
        }
        return rows;
    }

    /**
     * Wiegreffe &amp; Pinter's model-consistent adversary (their section 4 and {@code model/Binary_Classification.py}):
     * the batch mean of {@code TVD(p, q) - lambda * KL(alpha || beta)}, where {@code p}, {@code alpha} are the trained
     * model's class probabilities and attention and {@code q}, {@code beta} the frozen {@code reference}'s on the same
     * inputs; {@code TVD(p, q) = 1/2 sum_c |p_c - q_c|} over every class and {@code KL(alpha || beta) = sum_t alpha_t
     * log(alpha_t / beta_t)} over the tokens (their {@code KLDivLoss(beta.log(), alpha)}). The gold labels and the
     * recipe's class weights and batch sum are not used. Their code differs in two scalings: its binary TVD is
     * {@code 1/2 |p_1 - q_1|}, half of the TVD here (their lambda is half of ours for the same trade-off), and it sums
     * the loss over the batch and multiplies by the batch's summed class weights; the mean keeps one lambda meaning
     * the same at every batch size.
     *
     * @param reference the model the adversary must agree with (same vocabulary); only its forward is called
     * @param lambda    weight of the attention divergence, {@code >= 0}
     */
    public static RnnObjective consistentAdversary(ClassifierModel reference, double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        return new ConsistentAdversary(Objects.requireNonNull(reference, "reference"), lambda);
    }

    /**
     * The batch's loss as a function of the step's arrays: {@code imposedAlpha} (null = pool with the model's own
     * alpha) and {@code loss(logits [B, classes], alpha [B, width])}, a scalar.
     */
    record BatchLoss(NDArray imposedAlpha, BinaryOperator<NDArray> function) {

        NDArray loss(NDArray logits, NDArray alpha) {
            return function.apply(logits, alpha);
        }
    }

    /**
     * Everything the batch's loss needs besides the forward, made in {@code sub} before gradients are recorded
     * (a reference model's forward runs here).
     */
    abstract BatchLoss prepare(NDManager sub, List<TokenizedText> inputs, int[] labels, RnnBatch batch, int classes,
                               RnnTrainingRecipe recipe, DataType dtype);

    /** {@code rows} (one per input, each as long as its input) right-padded with 0 to the batch width. */
    static NDArray padded(NDManager sub, double[][] rows, List<TokenizedText> inputs, int width, DataType dtype) {
        if (rows.length != inputs.size()) {
            throw new IllegalArgumentException(rows.length + " attention rows for " + inputs.size() + " inputs");
        }
        double[] flat = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != inputs.get(i).length()) {
                throw new IllegalArgumentException("attention row " + i + " has " + rows[i].length + " weights for "
                        + inputs.get(i).length() + " tokens");
            }
            System.arraycopy(rows[i], 0, flat, i * width, rows[i].length);
        }
        return sub.create(flat, new Shape(rows.length, width)).toType(dtype, false);
    }

    /** The mean over the batch of TVD(softmax(logits), q) - lambda KL(alpha || beta); q, beta, lambda constants. */
    static NDArray adversarialLoss(NDArray logits, NDArray alpha, NDArray q, NDArray beta, double lambda) {
        NDManager m = logits.getManager();
        DataType dtype = logits.getDataType();
        long batch = logits.getShape().get(0);
        // Constants are arrays of the step's manager, never Java numbers (docs/djl-pitfalls.md, 2).
        NDArray half = m.create(0.5).toType(dtype, false);
        NDArray epsilon = m.create(LOG_EPSILON).toType(dtype, false);
        NDArray weight = m.create(lambda).toType(dtype, false);
        NDArray perBatch = m.create(1.0 / batch).toType(dtype, false);
        NDArray tvd = logits.softmax(-1).sub(q).abs().sum(new int[] {1}).mul(half);
        // Positions outside the attention (alpha = beta = 0) add 0 log(eps / eps) = 0.
        NDArray kl = alpha.mul(alpha.add(epsilon).log().sub(beta.add(epsilon).log())).sum(new int[] {1});
        return tvd.sub(kl.mul(weight)).sum().mul(perBatch);
    }

    /** Cross-entropy with the model's own or an imposed alpha. */
    private static final class CrossEntropy extends RnnObjective {

        static final CrossEntropy OWN_ALPHA = new CrossEntropy(null);

        private final Function<List<TokenizedText>, double[][]> alphas;

        CrossEntropy(Function<List<TokenizedText>, double[][]> alphas) {
            this.alphas = alphas;
        }

        @Override
        BatchLoss prepare(NDManager sub, List<TokenizedText> inputs, int[] labels, RnnBatch batch, int classes,
                          RnnTrainingRecipe recipe, DataType dtype) {
            // -w(y)/B (or -w(y)) at each gold class, 0 elsewhere: the loss is a weighted sum of log-probabilities.
            // With a sigmoid head, -log softmax(0, z)[y] is exactly BCE-with-logits of z against y.
            double denominator = recipe.sumOverBatch() ? 1 : labels.length;
            double[] weights = new double[labels.length * classes];
            for (int i = 0; i < labels.length; i++) {
                weights[i * classes + labels[i]] = -recipe.classWeight(labels[i]) / denominator;
            }
            NDArray gold = sub.create(weights, new Shape(labels.length, classes)).toType(dtype, false);
            NDArray imposed = alphas == null ? null
                    : padded(sub, alphas.apply(inputs), inputs, (int) batch.ids().getShape().get(1), dtype);
            return new BatchLoss(imposed, (logits, alpha) -> logits.logSoftmax(-1).mul(gold).sum());
        }
    }

    /** W&amp;P's adversarial loss against a frozen reference. */
    private static final class ConsistentAdversary extends RnnObjective {

        private final ClassifierModel reference;
        private final double lambda;

        ConsistentAdversary(ClassifierModel reference, double lambda) {
            this.reference = reference;
            this.lambda = lambda;
        }

        @Override
        BatchLoss prepare(NDManager sub, List<TokenizedText> inputs, int[] labels, RnnBatch batch, int classes,
                          RnnTrainingRecipe recipe, DataType dtype) {
            List<ForwardResult> out = reference.forward(inputs, ForwardOptions.WITH_ATTENTIONS);
            double[] probabilities = new double[out.size() * classes];
            for (int i = 0; i < out.size(); i++) {
                double[] p = out.get(i).probabilities();
                if (p.length != classes) {
                    throw new IllegalArgumentException("the reference model has " + p.length + " classes, the adversary "
                            + classes);
                }
                System.arraycopy(p, 0, probabilities, i * classes, classes);
            }
            NDArray q = sub.create(probabilities, new Shape(out.size(), classes)).toType(dtype, false);
            NDArray beta = padded(sub, alphaRows(out), inputs, (int) batch.ids().getShape().get(1), dtype);
            return new BatchLoss(null, (logits, alpha) -> adversarialLoss(logits, alpha, q, beta, lambda));
        }
    }
}
