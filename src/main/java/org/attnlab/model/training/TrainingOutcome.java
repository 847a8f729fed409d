package org.attnlab.model.training;

import java.util.List;

/**
 * What a training run did. {@code bestEpoch} is the epoch the plan's selection chose (its weights
 * are the ones saved); {@code test} and {@code testProbabilities} (per test example in dataset order, one
 * probability per label) are measured on the saved (best) model as reloaded from disk;
 * {@code reloadMaxDifference} is the largest absolute difference between that reloaded model's dev
 * probabilities and the trained model's at its best epoch (0 up to float rounding when saving is faithful).
 * {@code trainExamples} is the training set used, {@code examplesSeen} the examples actually stepped over
 * (less when the budget stopped it).
 */
public record TrainingOutcome(List<EpochRecord> epochs, int bestEpoch, ClassificationScores test,
                              double[][] testProbabilities, double reloadMaxDifference, int trainExamples,
                              long examplesSeen, double wallSeconds, boolean stoppedByBudget) {

    public TrainingOutcome {
        epochs = List.copyOf(epochs);
        testProbabilities = deepCopy(testProbabilities);
    }

    @Override
    public double[][] testProbabilities() {
        return deepCopy(testProbabilities);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
