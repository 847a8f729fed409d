package org.attnlab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attnlab.data.Example;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.GradientMeasure;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.LeaveOneOutMeasure;
import org.attnlab.explain.AttentionMeasure;
import org.attnlab.testing.ToyAttentionModel;

/** A small suite on the toy model, runnable as its own process so a test can kill it. */
public final class ToySuiteMain {

    static final int INSTANCES = 40;

    private ToySuiteMain() {
    }

    public static void main(String[] args) {
        long delay = Long.parseLong(args[1]);
        run(Path.of(args[0]), delay);
    }

    public static void run(Path runDir, long delayMillis) {
        Map<String, double[]> words = Map.of("great", new double[] {2, 3}, "bad", new double[] {0, -2},
                "plot", new double[] {1, 0.5}, "dull", new double[] {1.5, -1}, "fine", new double[] {0.5, 1},
                "the", new double[] {-1, 0.1});
        List<String> vocab = List.of("great", "bad", "plot", "dull", "fine", "the");
        Random random = new Random(9);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            StringBuilder text = new StringBuilder();
            int n = 1 + random.nextInt(8);
            for (int k = 0; k < n; k++) {
                text.append(k == 0 ? "" : " ").append(vocab.get(random.nextInt(vocab.size())));
            }
            examples.add(new Example("e" + i, text.toString(), i % 2 == 0 ? "pos" : "neg"));
        }
        ImportanceMeasure attention = new AttentionMeasure(AttentionView.DEFAULT);
        ImportanceMeasure gradient = new GradientMeasure(GradientMeasure.Kind.GRAD_X_INPUT);
        ImportanceMeasure loo = new LeaveOneOutMeasure();
        List<Experiment> experiments = List.of(
                new CorrelationExperiment(List.of(new ImportanceMeasure[] {attention, gradient},
                        new ImportanceMeasure[] {attention, loo})),
                new PermutationExperiment(20, AttentionView.DEFAULT, 5),
                new ErasureSingleExperiment(AttentionView.DEFAULT, Erasure.LAST_LAYER, 5),
                new DecisionFlipExperiment(AttentionView.DEFAULT, List.of(gradient), 2, Erasure.LAST_LAYER, 5));
        new SuiteRunner(experiments, runDir, false).run(List.of(new Subject("toy",
                () -> new ToyAttentionModel(words, delayMillis), List.of("neg", "pos"), examples, 64)));
    }
}
