package org.attnlab.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.attnlab.data.TokenizedText;
import org.attnlab.experiment.AdversarialExperiment;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Instance;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ModelBenchmark;
import org.attnlab.model.ModelBenchmark.Timing;

/**
 * Jain &amp; Wallace's adversarial search on one input as the suite runs it (K = 5, the given steps, the default view),
 * re-run of the adversaries included: wall time per instance, median of {@code repeats} after one warm-up.
 */
public final class AdversarialBench {

    private AdversarialBench() {
    }

    public static List<Timing> run(ClassifierModel model, TokenizedText input, int steps, int repeats, PrintWriter console) {
        if (steps < 1) {
            return List.of();
        }
        Instance x = new Instance(model, "bench", input, 0);
        AdversarialExperiment experiment = new AdversarialExperiment(AttentionView.DEFAULT, 5, steps, 0.01, 0.05, 1);
        AdversarialExperiment.Result warm = experiment.run(x);
        if (warm == null || warm.unsupported() != null) {
            console.println("adversarial: not applicable to " + model.info().name()
                    + (warm == null ? "" : ": " + warm.unsupported()));
            console.flush();
            return List.of();
        }
        double[] millis = new double[repeats];
        double cpu = ModelBenchmark.processCpuMillis();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            experiment.run(x);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        cpu = (ModelBenchmark.processCpuMillis() - cpu) / repeats;
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double median = repeats % 2 == 1 ? sorted[repeats / 2] : (sorted[repeats / 2 - 1] + sorted[repeats / 2]) / 2;
        Timing t = new Timing("adversarial-k5-steps" + steps, 1, input.length(), repeats, median,
                Arrays.stream(millis).average().orElseThrow(), 1000.0 / median, cpu);
        double worstTvd = warm.adversaries().stream().mapToDouble(AdversarialExperiment.Adversary::tvd).max().orElseThrow();
        console.printf(Locale.ROOT, "%-32s seq %4d  median %9.2f ms per instance  (max JSD within eps %.3f, "
                + "largest re-run TVD %.4f)%n", t.name(), t.sequenceLength(), t.medianMillis(), warm.maxJsdWithinEpsilon(),
                worstTvd);
        console.flush();
        return List.of(t);
    }
}
