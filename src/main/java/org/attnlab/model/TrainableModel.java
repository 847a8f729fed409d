package org.attnlab.model;

import java.nio.file.Path;
import java.util.List;
import org.attnlab.data.TokenizedText;

/**
 * A classifier whose parameters can be optimised and saved. The training loop (epochs, shuffling,
 * dev evaluation, checkpoints) is engine-independent and lives outside; one step and the on-disk
 * format are the model's business.
 */
public interface TrainableModel extends ClassifierModel {

    /**
     * One optimiser step on a batch with cross-entropy loss against gold class indices; dropout (if the
     * model has any) is active during the step only.
     *
     * @return the batch's mean loss before the step
     */
    double trainStep(List<TokenizedText> inputs, int[] labels);

    /**
     * Writes the current parameters and everything needed to load them again (config, weights,
     * tokenizer/vocabulary) into {@code dir}, atomically: a temp directory moved into place.
     */
    void save(Path dir);
}
