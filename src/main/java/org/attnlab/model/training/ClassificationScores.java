package org.attnlab.model.training;

import java.util.Map;

/**
 * Test or dev scores of a classifier, as Tribuo computes them.
 *
 * @param n         number of examples
 * @param accuracy  fraction predicted correctly
 * @param macroF1   F1 averaged over classes with equal weight
 * @param aucRoc    area under the ROC curve (binary: of the second label; multiclass: macro-averaged one-vs-rest)
 * @param f1ByLabel each label's own F1 (one-vs-rest), in label order: what a detection task such as
 *                  Reuters "grain" reports
 */
public record ClassificationScores(int n, double accuracy, double macroF1, double aucRoc, Map<String, Double> f1ByLabel) {

    public ClassificationScores {
        f1ByLabel = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(f1ByLabel));
    }
}
