package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code type: diagnostic} (Wiegreffe &amp; Pinter §3.3): diagnostic MLPs with a source's attention imposed, beside the
 * same MLP with uniform weights and with attention it learns itself ({@code trained}, their "trained MLP").
 */
public final class DiagnosticType
        extends TypeBase<DiagnosticType.Settings, DiagnosticExperiment.Result, DiagnosticType.Summary> {

    public static final DiagnosticType INSTANCE = new DiagnosticType();

    static final String UNIFORM = Companion.Diagnostic.UNIFORM;
    static final String TRAINED = Companion.Diagnostic.TRAINED;
    static final String BASE = Companion.Diagnostic.BASE;
    static final String ADVERSARY = "adversary";
    /** Every source, in the order of W&amp;P's Table 3 (the summary's order). */
    private static final List<String> SOURCES = List.of(UNIFORM, TRAINED, BASE, ADVERSARY);

    /**
     * @param sources         the MLPs' pooling weights: uniform, trained (learned by the MLP), base (the subject's)
     *                        and/or adversary (default uniform and base)
     * @param adversaryLambda the λ of the model-consistent adversary whose attention the {@code adversary} source imposes
     */
    public record Settings(List<String> sources, Double adversaryLambda) implements ExperimentSettings {
        public Settings {
            sources = sources == null ? List.of(UNIFORM, BASE) : List.copyOf(sources);
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("sources: at least one of " + SOURCES);
            }
            for (String s : sources) {
                if (!SOURCES.contains(s)) {
                    throw new IllegalArgumentException("sources: each one of " + SOURCES + ", got '" + s + "'");
                }
            }
            if (new LinkedHashSet<>(sources).size() != sources.size()) {
                throw new IllegalArgumentException("sources: each at most once, got " + sources);
            }
            if (sources.contains(ADVERSARY) != (adversaryLambda != null)) {
                throw new IllegalArgumentException(sources.contains(ADVERSARY)
                        ? "adversary_lambda: required with source adversary (the λ of the model-consistent adversary)"
                        : "adversary_lambda: applies only when sources include adversary");
            }
            if (adversaryLambda != null) {
                new Companion.ConsistentAdversary(adversaryLambda); // checks the value
            }
        }
    }

    /**
     * @param f1BySource each source's diagnostic: accuracy and macro-F1 over the sampled instances, in the order of
     *                   W&amp;P's Table 3 (uniform, trained, base, adversary) whatever the settings' order
     */
    public record Summary(int records, int qualifying, Map<String, LabelScores> f1BySource) {
    }

    private DiagnosticType() {
        super("diagnostic", Settings.class, DiagnosticExperiment.Result.class);
    }

    /** The source's name in companion roles: {@code uniform}, {@code base}, or the adversary's role. */
    static String sourceRole(String source, Double adversaryLambda) {
        return source.equals(ADVERSARY) ? new Companion.ConsistentAdversary(adversaryLambda).role() : source;
    }

    @Override
    public List<Companion> companions(Settings settings) {
        List<Companion> out = new ArrayList<>();
        for (String s : settings.sources()) {
            if (s.equals(ADVERSARY)) {
                out.add(new Companion.ConsistentAdversary(settings.adversaryLambda())); // before its diagnostic
            }
            out.add(new Companion.Diagnostic(sourceRole(s, settings.adversaryLambda())));
        }
        return out;
    }

    @Override
    public Experiment<DiagnosticExperiment.Result> create(Settings settings, ExperimentContext context) {
        return new DiagnosticExperiment(settings.sources(), settings.adversaryLambda());
    }

    @Override
    public Summary summarize(List<ResultRecord<DiagnosticExperiment.Result>> records) {
        List<ResultRecord<DiagnosticExperiment.Result>> q = records.stream().filter(ResultRecord::qualifies).toList();
        Map<String, List<String>> predicted = new TreeMap<>(
                Comparator.<String>comparingInt(SOURCES::indexOf).thenComparing(Comparator.naturalOrder()));
        for (ResultRecord<DiagnosticExperiment.Result> r : q) {
            r.result().sources().forEach(s -> predicted.computeIfAbsent(s.source(), k -> new ArrayList<>()).add(s.predicted()));
        }
        List<String> gold = q.stream().map(r -> r.instance().label()).toList();
        Map<String, LabelScores> out = new LinkedHashMap<>();
        predicted.forEach((source, p) -> out.put(source, LabelScores.of(gold, p)));
        return new Summary(records.size(), q.size(), out);
    }
}
