package org.attnlab.model.training;

import java.util.List;

/**
 * What a training run did. {@code bestEpoch} is the epoch whose dev accuracy was highest (its weights
 * are the ones saved); {@code test} is measured on the saved (best) model. {@code trainExamples} is the
 * training set used, {@code examplesSeen} the examples actually stepped over (less when the budget stopped it).
 */
public record TrainingOutcome(List<EpochRecord> epochs, int bestEpoch, ClassificationScores test, int trainExamples,
                              long examplesSeen, double wallSeconds, boolean stoppedByBudget) {

    public TrainingOutcome {
        epochs = List.copyOf(epochs);
    }
}
