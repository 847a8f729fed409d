package org.attnlab.model.djl.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
     * One step of cross-entropy (mean, or the recipe's class-weighted sum) on checked inputs and labels;
     * returns the loss before the step.
     */
    double step(NDManager base, List<TokenizedText> inputs, int[] labels) {
        int classes = network.config().labels().size();
        // Cross-entropy as a weighted sum of log-probabilities: -w(y)/B (or -w(y)) at each gold class, 0 elsewhere.
        // With a sigmoid head, -log softmax(0, z)[y] is exactly BCE-with-logits of z against y.
        double denominator = recipe.sumOverBatch() ? 1 : labels.length;
        double[] weights = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            weights[i * classes + labels[i]] = -recipe.classWeight(labels[i]) / denominator;
        }
        Map<String, NDArray> parameters = network.weights().all();
        try (NDManager sub = base.newSubManager()) {
            RnnBatch batch = RnnBatch.of(sub, inputs, dtype);
            NDArray goldWeights = sub.create(weights, new Shape(labels.length, classes)).toType(dtype, false);
            // Parameters need gradients only here; explanation gradients would otherwise fill them too.
            parameters.values().forEach(p -> p.setRequiresGradient(true));
            double loss;
            try (GradientCollector collector = GradientLock.open(sub)) {
                NDArray x = network.embed(batch.ids());
                if (network.config().dropout() > 0) {
                    x = x.mul(dropoutMask(sub, x));
                }
                NDArray hidden = network.encode(x, batch);
                NDArray lossArray = network.logits(network.alpha(hidden, batch), hidden).logSoftmax(-1)
                        .mul(goldWeights).sum();
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
