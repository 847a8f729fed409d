package org.attnlab.model.training;

/** One epoch of training: optimiser steps, mean training loss, dev scores, wall time. */
public record EpochRecord(int epoch, int steps, double meanLoss, ClassificationScores dev, double seconds) {
}
