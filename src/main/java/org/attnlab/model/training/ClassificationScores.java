package org.attnlab.model.training;

/**
 * Test or dev scores of a classifier, as Tribuo computes them.
 *
 * @param n        number of examples
 * @param accuracy fraction predicted correctly
 * @param macroF1  F1 averaged over classes with equal weight
 * @param aucRoc   area under the ROC curve (binary: of the second label; multiclass: macro-averaged one-vs-rest)
 */
public record ClassificationScores(int n, double accuracy, double macroF1, double aucRoc) {
}
