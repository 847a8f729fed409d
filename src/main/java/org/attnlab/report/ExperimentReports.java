package org.attnlab.report;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.RunSummary;

/** The report of every experiment type, in the order of {@code ExperimentTypes.ALL}. */
public final class ExperimentReports {

    public static final List<ExperimentReport<?, ?>> ALL = List.of(new CorrelationReport(), new PermutationReport(),
            new AdversarialReport(), new ErasureSingleReport(), new DecisionFlipReport(), new EfficientAttentionReport(),
            new FaithfulnessReport(), new UniformBaselineReport(), new SeedVarianceReport(), new DiagnosticReport(),
            new ConsistentAdversaryReport());

    private ExperimentReports() {
    }

    /** The report of {@code type}; every type has one (a test checks). */
    public static ExperimentReport<?, ?> of(ExperimentType<?, ?, ?> type) {
        return ALL.stream().filter(r -> r.type() == type).findFirst()
                .orElseThrow(() -> new IllegalStateException("no report for experiment type " + type.id()));
    }

    /**
     * Every table of the run's summary, type by type (the faithfulness leaderboard first: it answers the question),
     * then one per seed group.
     */
    public static List<Table> tables(RunSummary summary) {
        List<Table> out = new ArrayList<>();
        List<ExperimentType<?, ?, ?>> types = new ArrayList<>(summary.types());
        if (types.remove(org.attnlab.experiment.FaithfulnessType.INSTANCE)) {
            types.add(0, org.attnlab.experiment.FaithfulnessType.INSTANCE);
        }
        for (ExperimentType<?, ?, ?> type : types) {
            out.addAll(tables(of(type), summary));
        }
        out.addAll(SeedGroupReport.tables(summary));
        return out;
    }

    /** The console headline of the run's summary: statistic rows × model columns. */
    public static List<String> headline(RunSummary summary) {
        Headline lines = new Headline();
        for (ExperimentType<?, ?, ?> type : summary.types()) {
            headline(of(type), summary, lines);
        }
        SeedGroupReport.headline(summary, lines);
        return lines.render();
    }

    /** Every figure of the run's records, type by type. */
    public static List<Figure> figures(RunRecords records) {
        List<Figure> out = new ArrayList<>();
        for (ExperimentType<?, ?, ?> type : records.types()) {
            out.addAll(figures(of(type), records));
        }
        return out;
    }

    private static <R, M> List<Table> tables(ExperimentReport<R, M> report, RunSummary summary) {
        return report.tables(summary.of(report.type()));
    }

    private static <R, M> void headline(ExperimentReport<R, M> report, RunSummary summary, Headline lines) {
        summary.of(report.type()).forEach((model, s) -> report.headline(model, s, lines));
    }

    /** One type's figures from the run's records. */
    static <R, M> List<Figure> figures(ExperimentReport<R, M> report, RunRecords records) {
        return report.figures(records.byModel(report.type()), records);
    }
}
