package org.attnlab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attnlab.data.Example;
import org.attnlab.explain.AttentionView;
import org.attnlab.testing.ToyAttentionModel;

/**
 * A small suite of every experiment type on the toy model, runnable as its own process so a test can kill it;
 * also the live records the report tests draw from.
 */
public final class ToySuiteMain {

    static final int INSTANCES = 40;

    private ToySuiteMain() {
    }

    public static void main(String[] args) {
        long delay = Long.parseLong(args[1]);
        run(Path.of(args[0]), delay);
    }

    public static void run(Path runDir, long delayMillis) {
        try {
            java.nio.file.Files.createDirectories(runDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // As PreparedSuite.run does: one writer per run directory.
        try (RunLock lock = RunLock.acquire(runDir)) {
            new SuiteRunner(experiments(), runDir, false).run(List.of(subject(delayMillis)));
        }
    }

    /** The toy model and its instances. */
    static Subject subject(long delayMillis) {
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
        return new Subject("toy", () -> new ToyAttentionModel(words, delayMillis), List.of("neg", "pos"), examples, 64,
                companions(words));
    }

    /**
     * Stand-ins for the Wiegreffe &amp; Pinter companions, each a toy model with other word scores: a seed variant
     * (scores shifted), the uniform model (all scores equal: uniform attention), an adversary (scores negated),
     * diagnostics (values halved; their pooling weights are imposed by the experiment) and the trained MLP (values
     * halved, its own scores kept: it pools with its own attention).
     */
    static Map<String, java.util.function.Supplier<org.attnlab.model.ClassifierModel>> companions(Map<String, double[]> words) {
        Map<String, java.util.function.Supplier<org.attnlab.model.ClassifierModel>> out = new java.util.LinkedHashMap<>();
        out.put("seed-2", () -> new ToyAttentionModel(mapped(words, sv -> new double[] {0.7 * sv[0] + 0.3, sv[1]}), 0));
        out.put("uniform", () -> new ToyAttentionModel(mapped(words, sv -> new double[] {0, sv[1]}), 0));
        out.put("adversary-0.5", () -> new ToyAttentionModel(mapped(words, sv -> new double[] {-sv[0], sv[1]}), 0));
        for (String source : List.of("uniform", "base", "adversary-0.5")) {
            out.put("diagnostic-" + source, () -> new ToyAttentionModel(mapped(words, sv -> new double[] {0, 0.5 * sv[1]}), 0));
        }
        out.put("diagnostic-trained", () -> new ToyAttentionModel(mapped(words, sv -> new double[] {sv[0], 0.5 * sv[1]}), 0));
        return out;
    }

    private static Map<String, double[]> mapped(Map<String, double[]> words, java.util.function.UnaryOperator<double[]> f) {
        Map<String, double[]> out = new java.util.HashMap<>();
        words.forEach((w, sv) -> out.put(w, f.apply(sv)));
        return out;
    }

    /** Every experiment type, with small settings, built through the types as a suite plan builds them. */
    public static List<PlannedExperiment> experiments() {
        ExperimentContext context = new ExperimentContext(AttentionView.DEFAULT, 5);
        return List.of(
                PlannedExperiment.of(CorrelationType.INSTANCE, new CorrelationType.Settings(
                        List.of("attention~gradient", "attention~loo", "gradient~loo"), null, null), context),
                PlannedExperiment.of(PermutationType.INSTANCE, new PermutationType.Settings(20), context),
                PlannedExperiment.of(AdversarialType.INSTANCE, new AdversarialType.Settings(3, 60, null, null), context),
                PlannedExperiment.of(ErasureSingleType.INSTANCE, new ErasureSingleType.Settings(null), context),
                PlannedExperiment.of(DecisionFlipType.INSTANCE, new DecisionFlipType.Settings(List.of("gradient"), 2, null,
                        null, null), context),
                PlannedExperiment.of(EfficientAttentionType.INSTANCE, new EfficientAttentionType.Settings(null, null, null),
                        context),
                PlannedExperiment.of(FaithfulnessType.INSTANCE, new FaithfulnessType.Settings(
                        List.of("attention", "gradient", "alti"), List.of(0.2, 0.5), null, null, null), context),
                PlannedExperiment.of(UniformBaselineType.INSTANCE, new UniformBaselineType.Settings(), context),
                PlannedExperiment.of(SeedVarianceType.INSTANCE, new SeedVarianceType.Settings(List.of(2L)), context),
                PlannedExperiment.of(DiagnosticType.INSTANCE, new DiagnosticType.Settings(
                        List.of("trained", "uniform", "base", "adversary"), 0.5), context), // summaries reorder as Table 3
                PlannedExperiment.of(ConsistentAdversaryType.INSTANCE, new ConsistentAdversaryType.Settings(List.of(0.5)),
                        context));
    }
}
