package org.attnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.attnlab.experiment.DiagnosticExperiment;
import org.attnlab.experiment.DiagnosticType;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.ResultRecord;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Wiegreffe &amp; Pinter's diagnostic MLPs (their Table 3): how useful each source's attention is on its own, rows in
 * their order (uniform, trained MLP, base, adversary).
 */
final class DiagnosticReport implements ExperimentReport<DiagnosticExperiment.Result, DiagnosticType.Summary> {

    @Override
    public ExperimentType<?, DiagnosticExperiment.Result, DiagnosticType.Summary> type() {
        return DiagnosticType.INSTANCE;
    }

    @Override
    public void headline(String model, DiagnosticType.Summary s, Headline lines) {
        lines.put("diagnostic MLP macro-F1: " + String.join(" / ", s.f1BySource().keySet()), model, s.f1BySource().values()
                .stream().map(f -> Cells.fmt(f.macroF1(), 3)).collect(Collectors.joining(" / ")));
    }

    @Override
    public List<Table> tables(Map<String, DiagnosticType.Summary> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        byModel.forEach((model, s) -> s.f1BySource().forEach((source, f) -> rows.add(List.of(model, source,
                Integer.toString(f.n()), Cells.fmt(f.accuracy(), 3), Cells.fmt(f.macroF1(), 3)))));
        return List.of(new Table("diagnostic", "Diagnostic MLPs by pooling weights: uniform, learned by the MLP "
                + "(trained) or imposed from a model (Wiegreffe & Pinter, Table 3), over the sampled instances",
                List.of("model", "pooling weights", "instances", "accuracy", "macro-F1"), rows));
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<DiagnosticExperiment.Result>>> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        byModel.forEach((model, rs) -> DiagnosticType.INSTANCE.summarize(rs).f1BySource().forEach((source, f) -> {
            if (!Double.isNaN(f.macroF1())) {
                data.addValue(f.macroF1(), source, model);
            }
        }));
        return List.of(Figure.of("diagnostic-f1", "Macro-F1 of the diagnostic MLP trained and tested with each source's "
                        + "attention imposed as its pooling weights (uniform, the model's own, a model-consistent adversary's) "
                        + "and of the same MLP learning its own attention (trained).",
                Charts.bars("Diagnostic MLPs by pooling weights", "model", "macro-F1", data)));
    }
}
