package org.attnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.FaithfulnessExperiment;
import org.attnlab.experiment.FaithfulnessType;
import org.attnlab.experiment.ResultRecord;
import org.jfree.chart.JFreeChart;

/**
 * The faithfulness leaderboard (ERASER): per model, each measure's AOPC of comprehensiveness (↑) and sufficiency
 * (↓) and its Kendall τ with leave-one-out, the most comprehensive measure marked; and the mean comprehensiveness
 * curve of every measure.
 */
final class FaithfulnessReport implements ExperimentReport<FaithfulnessExperiment.Result, FaithfulnessType.Summary> {

    @Override
    public ExperimentType<?, FaithfulnessExperiment.Result, FaithfulnessType.Summary> type() {
        return FaithfulnessType.INSTANCE;
    }

    @Override
    public void headline(String model, FaithfulnessType.Summary s, Headline lines) {
        if (s.best() != null) {
            FaithfulnessType.MeasureSummary best = s.measures().get(s.best());
            FaithfulnessType.MeasureSummary random = s.measures().get("random");
            lines.put("faithful: best AOPC-comp (random)", model, s.best() + " " + Cells.fmt(best.aopcComprehensiveness().mean(), 2)
                    + " (" + (random == null ? Cells.NA : Cells.fmt(random.aopcComprehensiveness().mean(), 2)) + ")");
        }
    }

    @Override
    public List<Table> tables(Map<String, FaithfulnessType.Summary> byModel) {
        List<Table> out = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        byModel.forEach((model, s) -> {
            List<Map.Entry<String, FaithfulnessType.MeasureSummary>> ranked = new ArrayList<>(s.measures().entrySet());
            ranked.sort((a, b) -> Double.compare(b.getValue().aopcComprehensiveness().mean(),
                    a.getValue().aopcComprehensiveness().mean()));
            for (Map.Entry<String, FaithfulnessType.MeasureSummary> m : ranked) {
                FaithfulnessType.MeasureSummary x = m.getValue();
                rows.add(List.of(model, m.getKey().equals(s.best()) ? m.getKey() + " (best)" : m.getKey(),
                        Integer.toString(x.aopcComprehensiveness().count()), Cells.meanStd(x.aopcComprehensiveness()),
                        Cells.meanStd(x.aopcSufficiency()), Cells.fmt(x.tauWithLoo().mean(), 3)));
            }
            s.notApplicable().forEach((measure, why) -> rows.add(List.of(model, measure, "0", Cells.NA, Cells.NA, "not applicable: " + why)));
        });
        if (!rows.isEmpty()) {
            out.add(new Table("faithfulness", "Faithfulness leaderboard (ERASER, DeYoung et al. 2020): AOPC of "
                    + "comprehensiveness (higher is more faithful) and sufficiency (lower is more faithful), mean ± std over "
                    + "instances, and mean Kendall τ with leave-one-out; ranked by comprehensiveness",
                    List.of("model", "measure", "instances", "AOPC comprehensiveness ↑", "AOPC sufficiency ↓", "τ with LOO"), rows));
        }
        return out;
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<FaithfulnessExperiment.Result>>> byModel) {
        List<Figure> out = new ArrayList<>();
        byModel.forEach((model, records) -> {
            FaithfulnessType.Summary s = FaithfulnessType.INSTANCE.summarize(records);
            if (s.measures().isEmpty()) {
                return;
            }
            Map<String, List<double[]>> curves = new LinkedHashMap<>();
            s.measures().forEach((measure, m) -> {
                List<double[]> points = new ArrayList<>();
                for (int k = 0; k < s.fractions().length; k++) {
                    points.add(new double[] {s.fractions()[k], m.comprehensiveness()[k]});
                }
                curves.put(measure, points);
            });
            JFreeChart chart = Charts.curves("Comprehensiveness — " + model, "fraction of real tokens removed (top by measure)",
                    "p(ŷ|x) − p(ŷ|x without them)", curves);
            out.add(Figure.of(Figure.stem("faithfulness-comprehensiveness", model), "Mean drop of the predicted class's "
                    + "probability when each measure's top-ranked real tokens are taken out, by fraction taken out, " + model
                    + " (random: the baseline order).", chart));
        });
        return out;
    }
}
