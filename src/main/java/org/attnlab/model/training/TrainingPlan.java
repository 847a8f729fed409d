package org.attnlab.model.training;

/**
 * How {@link ModelTrainer} runs: the loop's settings, independent of the model.
 *
 * @param epochs           passes over the training examples
 * @param batchSize        examples per optimiser step
 * @param seed             seeds the example order (and nothing else: the model seeds itself)
 * @param maxLength        longest token sequence kept (longer texts keep their first maxLength-1 tokens and the final one)
 * @param maxTrainExamples use only the first N training examples (the split order is already a seeded
 *                         shuffle, so a prefix is a random sample); 0 = all
 * @param maxDevExamples   evaluate each epoch on the first N dev examples only (dev evaluation of a large
 *                         split can cost more than the epoch); 0 = all
 * @param budgetSeconds    stop after the step that crosses this wall time and evaluate; 0 = no budget
 */
public record TrainingPlan(int epochs, int batchSize, long seed, int maxLength, int maxTrainExamples,
                           int maxDevExamples, double budgetSeconds) {

    public TrainingPlan {
        if (epochs < 1 || batchSize < 1 || maxLength < 3 || maxTrainExamples < 0 || maxDevExamples < 0 || budgetSeconds < 0) {
            throw new IllegalArgumentException("epochs, batch size >= 1, max length >= 3, max train examples and "
                    + "budget >= 0; got " + this);
        }
    }
}
