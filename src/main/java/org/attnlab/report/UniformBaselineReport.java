package org.attnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.LabelScores;
import org.attnlab.experiment.ResultRecord;
import org.attnlab.experiment.UniformBaselineExperiment;
import org.attnlab.experiment.UniformBaselineType;
import org.jfree.data.category.DefaultCategoryDataset;

/** Wiegreffe &amp; Pinter's uniform-weights baseline (their Table 2): does the model need its trained attention? */
final class UniformBaselineReport implements ExperimentReport<UniformBaselineExperiment.Result, UniformBaselineType.Summary> {

    @Override
    public ExperimentType<?, UniformBaselineExperiment.Result, UniformBaselineType.Summary> type() {
        return UniformBaselineType.INSTANCE;
    }

    @Override
    public void headline(String model, UniformBaselineType.Summary s, Headline lines) {
        lines.put("uniform attention: macro-F1 trained / uniform", model,
                Cells.fmt(s.base().macroF1(), 3) + " / " + Cells.fmt(s.uniform().macroF1(), 3));
    }

    @Override
    public List<Table> tables(Map<String, UniformBaselineType.Summary> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        byModel.forEach((model, s) -> rows.add(List.of(model, Integer.toString(s.base().n()), Cells.fmt(s.base().accuracy(), 3),
                Cells.fmt(s.base().macroF1(), 3), Cells.fmt(s.uniform().accuracy(), 3), Cells.fmt(s.uniform().macroF1(), 3),
                Cells.fmt(s.macroF1Gain(), 3), Cells.meanStd(s.distance().jsd()), Cells.meanStd(s.distance().tvd()))));
        return List.of(new Table("uniform-baseline", "Uniform-weights baseline (Wiegreffe & Pinter, Table 2), over the sampled instances",
                List.of("model", "instances", "accuracy trained", "macro-F1 trained", "accuracy uniform", "macro-F1 uniform",
                        "macro-F1 gain of trained attention", "JSD uniform~trained, mean ± std", "TVD uniform~trained, mean ± std"),
                rows));
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<UniformBaselineExperiment.Result>>> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        byModel.forEach((model, rs) -> {
            UniformBaselineType.Summary s = UniformBaselineType.INSTANCE.summarize(rs);
            add(data, "trained attention", model, s.base());
            add(data, "uniform attention", model, s.uniform());
        });
        return List.of(Figure.of("uniform-baseline-f1", "Macro-F1 over the sampled instances of each model and of the same "
                        + "spec trained with attention frozen uniform (Wiegreffe & Pinter's uniform-weights baseline).",
                Charts.bars("Trained vs uniform attention", "model", "macro-F1", data)));
    }

    private static void add(DefaultCategoryDataset data, String series, String model, LabelScores s) {
        if (!Double.isNaN(s.macroF1())) {
            data.addValue(s.macroF1(), series, model);
        }
    }
}
