package org.attnlab.model.djl.rnn;

import java.util.Arrays;

/**
 * How an RNN attention model's loss and weight decay are formed, beyond {@link org.attnlab.model.TrainingOptions}.
 * The default is mean cross-entropy with equal class weights and the same weight decay on every
 * parameter. Jain &amp; Wallace's recipe ({@code model/Binary_Classification.py}) is {@link #jainWallace}:
 * the batch's loss is the SUM (not the mean) of the examples' weighted BCE, the positive class weighted
 * {@code pos_weight = negatives / positives} of the training set, and the attention parameters (ours:
 * every parameter named {@code attention.*}) in an optimiser of their own without weight decay. The sum
 * matters beside Adam's coupled L2 decay: the gradient is B times larger, so the decay is B times weaker
 * relative to it than with the mean.
 *
 * @param attentionWeightDecay L2 decay of the {@code attention.*} parameters; {@code null} = the same as
 *                             every other parameter's
 * @param classWeights         loss weight per class (label order); {@code null} = all 1
 * @param sumOverBatch         sum the examples' losses (else: mean)
 */
public record RnnTrainingRecipe(Double attentionWeightDecay, double[] classWeights, boolean sumOverBatch) {

    /** Mean cross-entropy, equal class weights, one weight decay for everything. */
    public static final RnnTrainingRecipe DEFAULT = new RnnTrainingRecipe(null, null, false);

    public RnnTrainingRecipe {
        if (attentionWeightDecay != null && !(attentionWeightDecay >= 0)) {
            throw new IllegalArgumentException("attention weight decay must be >= 0, got " + attentionWeightDecay);
        }
        if (classWeights != null) {
            classWeights = classWeights.clone();
            for (double w : classWeights) {
                if (!(w > 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("class weights must be finite and > 0, got " + Arrays.toString(classWeights));
                }
            }
        }
    }

    @Override
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /**
     * Jain &amp; Wallace's binary recipe: no decay on attention, summed loss, the second label (their
     * positive class, y = 1) weighted {@link #balancedPositiveWeight}.
     */
    public static RnnTrainingRecipe jainWallace(int[] trainLabels) {
        return new RnnTrainingRecipe(0.0, new double[] {1, balancedPositiveWeight(trainLabels)}, true);
    }

    /**
     * {@code len(y) / sum(y) - 1} = negatives / positives over binary labels (1 = positive), as
     * {@code set_balanced_pos_weight} in their {@code Trainers/DatasetBC.py}.
     *
     * @throws IllegalArgumentException for labels other than 0/1, or no label of either class
     */
    public static double balancedPositiveWeight(int[] labels) {
        long positives = 0;
        for (int y : labels) {
            if (y != 0 && y != 1) {
                throw new IllegalArgumentException("a balanced positive weight needs binary labels (0/1), got " + y);
            }
            positives += y;
        }
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException("a balanced positive weight needs both classes among " + labels.length
                    + " training labels, got " + positives + " positive");
        }
        return (double) (labels.length - positives) / positives;
    }

    /** The weight decay of parameter {@code name}, given the decay of everything else. */
    double decayOf(String name, double weightDecay) {
        return attentionWeightDecay != null && name.startsWith("attention.") ? attentionWeightDecay : weightDecay;
    }

    /** The loss weight of class {@code label}. */
    double classWeight(int label) {
        return classWeights == null ? 1 : classWeights[label];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RnnTrainingRecipe r && java.util.Objects.equals(attentionWeightDecay, r.attentionWeightDecay)
                && Arrays.equals(classWeights, r.classWeights) && sumOverBatch == r.sumOverBatch;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(attentionWeightDecay, Arrays.hashCode(classWeights), sumOverBatch);
    }

    @Override
    public String toString() {
        return "RnnTrainingRecipe[attentionWeightDecay=" + attentionWeightDecay + ", classWeights="
                + Arrays.toString(classWeights) + ", sumOverBatch=" + sumOverBatch + "]";
    }
}
