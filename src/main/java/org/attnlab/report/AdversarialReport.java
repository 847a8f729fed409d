package org.attnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.attnlab.experiment.AdversarialExperiment;
import org.attnlab.experiment.AdversarialType;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.ResultRecord;

/** Jain &amp; Wallace's adversarial attention: how far attention can move while the output stays within ε. */
final class AdversarialReport implements ExperimentReport<AdversarialExperiment.Result, AdversarialType.Summary> {

    @Override
    public ExperimentType<?, AdversarialExperiment.Result, AdversarialType.Summary> type() {
        return AdversarialType.INSTANCE;
    }

    @Override
    public void headline(String model, AdversarialType.Summary s, Headline lines) {
        lines.put("adversarial: max JSD (> .5)", model, s.maxJsdWithinEpsilon().count() == 0 ? Cells.NA
                : Cells.fmt(s.maxJsdWithinEpsilon().mean(), 3) + " (" + Cells.percent(s.fractionFar()) + ")");
    }

    @Override
    public List<Table> tables(Map<String, AdversarialType.Summary> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        byModel.forEach((model, s) -> rows.add(List.of(model, Integer.toString(s.qualifying()),
                s.maxJsdWithinEpsilon().count() == 0 ? Cells.NA : Cells.meanStd(s.maxJsdWithinEpsilon()),
                Cells.fmt(s.fractionFar(), 2), Integer.toString(s.unsupported()))));
        return List.of(new Table("adversarial", "Adversarial attention (Jain & Wallace)",
                List.of("model", "instances", "max JSD within ε, mean ± std", "share > 0.5", "unsupported"), rows));
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<AdversarialExperiment.Result>>> byModel) {
        List<Figure> out = new ArrayList<>();
        byModel.forEach((model, rs) -> {
            List<ResultRecord<AdversarialExperiment.Result>> attacked = rs.stream()
                    .filter(r -> r.qualifies() && r.result().unsupported() == null).toList();
            if (attacked.isEmpty()) {
                return; // the attack does not apply to this model: the table says why
            }
            String eps = String.format(Locale.ROOT, "%.2f", attacked.get(0).result().epsilon());
            out.add(Figure.of(Figure.stem("adversarial-jsd", model),
                    "Largest JS divergence from the original attention among adversarial attentions whose output, "
                            + "re-run through the model, changes by at most ε=" + eps + " (TVD), by predicted class, "
                            + model + ". For a transformer the JSD is the head-mean one (between the heads' mean rows "
                            + "over the real tokens), every head's row having been edited.",
                    Charts.histogram("Max JSD within ε=" + eps + " — " + model, "max head-mean JS divergence (nats, ≤ ln 2)",
                            ByClass.values(attacked, AdversarialExperiment.Result::maxJsdWithinEpsilon), 14, 0, Math.log(2))));
            Map<String, List<double[]>> points = new TreeMap<>();
            for (ResultRecord<AdversarialExperiment.Result> r : attacked) {
                points.computeIfAbsent(r.predicted(), k -> new ArrayList<>())
                        .add(new double[] {r.result().maxAttention(), r.result().maxJsdWithinEpsilon()});
            }
            var chart = Charts.scatter("Max JSD vs max attention — " + model, "max attention weight",
                    "max JS divergence within ε (nats)", points);
            chart.getXYPlot().getDomainAxis().setRange(0, 1.02);
            chart.getXYPlot().getRangeAxis().setRange(0, 0.72);
            out.add(Figure.of(Figure.stem("adversarial-jsd-vs-max-attention", model),
                    "Max JSD within ε against the original's largest attention weight, by predicted class, " + model + ".", chart));
        });
        return out;
    }
}
