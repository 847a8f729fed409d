package org.attnlab.model.training;

import java.util.List;

/**
 * What a training run did. {@code bestEpoch} is the epoch whose dev accuracy was highest (its weights
 * are the ones saved); {@code test} is measured on the saved (best) model.
 */
public record TrainingOutcome(List<EpochRecord> epochs, int bestEpoch, ClassificationScores test, int trainExamples,
                              double wallSeconds, boolean stoppedByBudget) {

    public TrainingOutcome {
        epochs = List.copyOf(epochs);
    }
}
