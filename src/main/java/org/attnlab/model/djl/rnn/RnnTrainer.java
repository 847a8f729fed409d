package org.attnlab.model.djl.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.attnlab.model.djl.GradientLock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.TrainingOptions;

/**
 * Optimisation state of a trainable RNN attention model: the optimiser moments and the dropout random
 * stream, both seeded from {@link TrainingOptions#seed()} so that a run is reproducible.
 */
final class RnnTrainer {

    private final RnnNetwork network;
    private final DataType dtype;
    private final AmsGradAdam optimizer;
    private final Random dropoutRandom;
    private final RnnTrainingRecipe recipe;

    RnnTrainer(RnnNetwork network, DataType dtype, TrainingOptions options, RnnTrainingRecipe recipe, NDManager base) {
        this.network = network;
        this.dtype = dtype;
        this.recipe = recipe;
        this.optimizer = new AmsGradAdam(options, recipe, network.weights().all(), base);
        // A stream of its own (not the initialisation's), so enabling dropout leaves the initial weights alone.
        this.dropoutRandom = new Random(~options.seed());
    }

    /**
     * One optimiser step on checked inputs and labels toward {@code objective}, pooling with the alpha it imposes or
     * else the model's own; returns the loss before the step.
     */
    double step(NDManager base, List<TokenizedText> inputs, int[] labels, RnnObjective objective) {
        Map<String, NDArray> parameters = network.weights().all();
        try (NDManager sub = base.newSubManager()) {
            RnnBatch batch = RnnBatch.of(sub, inputs, dtype);
            // Before gradients are recorded: a reference model's forward may run here.
            RnnObjective.BatchLoss batchLoss = objective.prepare(sub, inputs, labels, batch,
                    network.config().labels().size(), recipe, dtype);
            // Parameters need gradients only here; explanation gradients would otherwise fill them too.
            parameters.values().forEach(p -> p.setRequiresGradient(true));
            double loss;
            try (GradientCollector collector = GradientLock.open(sub)) {
                NDArray x = network.embed(batch.ids());
                if (network.config().dropout() > 0) {
                    x = x.mul(dropoutMask(sub, x));
                }
                NDArray hidden = network.encode(x, batch);
                NDArray alpha = batchLoss.imposedAlpha() != null ? batchLoss.imposedAlpha() : network.alpha(hidden, batch);
                NDArray lossArray = batchLoss.loss(network.logits(alpha, hidden), alpha);
                collector.backward(lossArray);
                loss = lossArray.toType(DataType.FLOAT64, false).toDoubleArray()[0];
            }
            // After the collector is closed: in-place updates of leaves are refused while autograd records.
            optimizer.update(parameters);
            return loss;
        } finally {
            parameters.values().forEach(p -> p.setRequiresGradient(false));
        }
    }

    /** Inverted dropout: each entry kept with probability 1 - p and scaled by 1 / (1 - p). */
    private NDArray dropoutMask(NDManager sub, NDArray x) {
        double rate = network.config().dropout();
        double[] mask = new double[Math.toIntExact(x.size())];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = dropoutRandom.nextDouble() < rate ? 0 : 1 / (1 - rate);
        }
        return sub.create(mask, x.getShape()).toType(dtype, false);
    }
}
