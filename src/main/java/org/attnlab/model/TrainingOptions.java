package org.attnlab.model;

/**
 * Optimiser settings for {@link TrainableModel#trainStep}.
 *
 * @param learningRate Adam's learning rate
 * @param weightDecay  L2 penalty (decoupled, AdamW-style, where the implementation says so)
 * @param seed         seeds parameter initialisation and dropout
 * @param trainable    which parameters move: for a transformer {@code "head"}, {@code "top-K"} (the
 *                     head and the top K layers) or {@code "all"}; RNN models train everything
 */
public record TrainingOptions(double learningRate, double weightDecay, long seed, String trainable) {

    public TrainingOptions {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        if (!trainable.equals("head") && !trainable.equals("all") && !trainable.matches("top-[0-9]+")) {
            throw new IllegalArgumentException("trainable must be head, top-K or all, got " + trainable);
        }
    }
}
