package org.attnlab.experiment;

import java.util.List;
import java.util.TreeSet;

/**
 * Accuracy and macro-F1 of predicted against gold labels over the sampled instances (W&amp;P report F1): per label
 * F1 = 2TP / (2TP + FP + FN), averaged over every label that is gold or predicted at least once.
 *
 * @param n        instances
 * @param accuracy share predicted correctly; NaN for none
 * @param macroF1  mean per-label F1; NaN for none
 */
public record LabelScores(int n, double accuracy, double macroF1) {

    public static LabelScores of(List<String> gold, List<String> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold labels but " + predicted.size() + " predictions");
        }
        int n = gold.size();
        if (n == 0) {
            return new LabelScores(0, Double.NaN, Double.NaN);
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += gold.get(i).equals(predicted.get(i)) ? 1 : 0;
        }
        TreeSet<String> labels = new TreeSet<>(gold);
        labels.addAll(predicted);
        double f1 = 0;
        for (String label : labels) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < n; i++) {
                boolean g = gold.get(i).equals(label);
                boolean p = predicted.get(i).equals(label);
                tp += g && p ? 1 : 0;
                fp += !g && p ? 1 : 0;
                fn += g && !p ? 1 : 0;
            }
            f1 += 2.0 * tp / (2 * tp + fp + fn);
        }
        return new LabelScores(n, correct / (double) n, f1 / labels.size());
    }
}
