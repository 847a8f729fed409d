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
 * @param selection        which score picks the saved checkpoint (strictly better than every earlier
 *                         eligible epoch's)
 * @param firstEligibleEpoch the first epoch whose checkpoint may be saved (Jain &amp; Wallace: 2, their
 *                         {@code i > 0}); when a time budget stops training before it, the last epoch
 *                         run is saved so that there is a model
 * @param batching         how each epoch's examples are grouped into batches
 */
public record TrainingPlan(int epochs, int batchSize, long seed, int maxLength, int maxTrainExamples,
                           int maxDevExamples, double budgetSeconds, Selection selection, int firstEligibleEpoch,
                           Batching batching) {

    /**
     * The score that chooses the checkpoint: dev accuracy, dev AUC, or the lowest mean training loss of the epoch
     * (Wiegreffe &amp; Pinter's adversaries, whose loss is not about the gold labels).
     */
    public enum Selection {
        DEV_ACCURACY("dev-accuracy"), DEV_AUC("dev-auc"), TRAIN_LOSS("train-loss");

        public final String key;

        Selection(String key) {
            this.key = key;
        }

        public static Selection of(String key) {
            for (Selection s : values()) {
                if (s.key.equals(key)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("selection must be dev-accuracy, dev-auc or train-loss, got \"" + key + "\"");
        }

        /** Higher is better. */
        double score(ClassificationScores dev, double meanTrainingLoss) {
            return switch (this) {
                case DEV_ACCURACY -> dev.accuracy();
                case DEV_AUC -> dev.aucRoc();
                case TRAIN_LOSS -> -meanTrainingLoss;
            };
        }
    }

    /** Best dev accuracy over all epochs, windowed batches. */
    public TrainingPlan(int epochs, int batchSize, long seed, int maxLength, int maxTrainExamples,
                        int maxDevExamples, double budgetSeconds) {
        this(epochs, batchSize, seed, maxLength, maxTrainExamples, maxDevExamples, budgetSeconds, Selection.DEV_ACCURACY, 1,
                Batching.WINDOWED);
    }

    public TrainingPlan {
        if (epochs < 1 || batchSize < 1 || maxLength < 3 || maxTrainExamples < 0 || maxDevExamples < 0 || budgetSeconds < 0) {
            throw new IllegalArgumentException("epochs, batch size >= 1, max length >= 3, max train examples and "
                    + "budget >= 0; got " + this);
        }
        java.util.Objects.requireNonNull(selection, "selection");
        java.util.Objects.requireNonNull(batching, "batching");
        if (firstEligibleEpoch < 1 || firstEligibleEpoch > epochs) {
            throw new IllegalArgumentException("first eligible epoch must be in 1.." + epochs + ", got " + firstEligibleEpoch);
        }
    }
}
