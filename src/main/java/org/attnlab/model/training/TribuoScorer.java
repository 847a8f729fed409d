package org.attnlab.model.training;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.ConfusionMetrics;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.classification.evaluation.LabelMetrics;
import org.tribuo.evaluation.metrics.MetricTarget;
import org.tribuo.impl.ArrayExample;

/**
 * Scores predictions made outside Tribuo (attnlab's DJL models) with Tribuo's evaluation code, by
 * presenting them as an external model's predictions over the dataset's label domain.
 */
public final class TribuoScorer {

    private TribuoScorer() {
    }

    /**
     * @param labels        label names in output order
     * @param gold          gold label ids
     * @param probabilities per example, one probability per label
     */
    public static ClassificationScores score(List<String> labels, int[] gold, double[][] probabilities) {
        if (gold.length != probabilities.length || gold.length == 0) {
            throw new IllegalArgumentException("need one probability vector per gold label, got " + gold.length
                    + " labels and " + probabilities.length + " vectors");
        }
        Map<Label, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            ids.put(new Label(labels.get(i)), i);
        }
        ImmutableOutputInfo<Label> domain = new LabelFactory().constructInfoForExternalModel(ids);
        List<Prediction<Label>> predictions = new java.util.ArrayList<>(gold.length);
        for (int e = 0; e < gold.length; e++) {
            double[] p = probabilities[e];
            Map<String, Label> scores = new HashMap<>();
            int best = 0;
            for (int c = 0; c < labels.size(); c++) {
                scores.put(labels.get(c), new Label(labels.get(c), p[c]));
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            Example<Label> example = new ArrayExample<>(new Label(labels.get(gold[e])));
            predictions.add(new Prediction<>(new Label(labels.get(best), p[best]), scores, 0, example, true));
        }
        LabelConfusionMatrix cm = new LabelConfusionMatrix(domain, predictions);
        double accuracy = ConfusionMetrics.accuracy(MetricTarget.<Label>microAverageTarget(), cm);
        double macroF1 = ConfusionMetrics.f1(MetricTarget.<Label>macroAverageTarget(), cm);
        double auc = labels.size() == 2
                ? LabelMetrics.AUCROC(new Label(labels.get(1)), predictions)
                : LabelMetrics.AUCROC(MetricTarget.<Label>macroAverageTarget(), predictions);
        Map<String, Double> f1 = new LinkedHashMap<>();
        for (String label : labels) {
            f1.put(label, ConfusionMetrics.f1(new MetricTarget<>(new Label(label)), cm));
        }
        return new ClassificationScores(gold.length, accuracy, macroF1, auc, f1);
    }
}
