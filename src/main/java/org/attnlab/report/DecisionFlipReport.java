package org.attnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attnlab.experiment.DecisionFlipExperiment;
import org.attnlab.experiment.DecisionFlipType;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.ResultRecord;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Serrano &amp; Smith's decision-flip test: the fraction of tokens erased before the decision flips under each
 * ordering, and how many instances never flip.
 */
final class DecisionFlipReport implements ExperimentReport<DecisionFlipExperiment.Result, DecisionFlipType.Summary> {

    /** The orderings the console headline shows (the table has them all). */
    private static final List<String> HEADLINE = List.of("attention-desc", "random-1");

    @Override
    public ExperimentType<?, DecisionFlipExperiment.Result, DecisionFlipType.Summary> type() {
        return DecisionFlipType.INSTANCE;
    }

    @Override
    public void headline(String model, DecisionFlipType.Summary s, Headline lines) {
        for (String o : HEADLINE) {
            DecisionFlipType.OrderingSummary x = s.orderings().get(o);
            if (x != null) {
                lines.put("flip: erased, " + o + " (never)", model, Cells.fmt(x.fractionErased().mean(), 2)
                        + " (" + x.neverFlipped() + ")");
            }
        }
    }

    @Override
    public List<Table> tables(Map<String, DecisionFlipType.Summary> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        Set<String> orderings = new LinkedHashSet<>();
        byModel.values().forEach(s -> orderings.addAll(s.orderings().keySet()));
        List<String> header = new ArrayList<>(List.of("model"));
        header.addAll(orderings);
        List<List<String>> rows = new ArrayList<>();
        byModel.forEach((model, s) -> {
            List<String> row = new ArrayList<>(List.of(model));
            for (String o : orderings) {
                DecisionFlipType.OrderingSummary x = s.orderings().get(o);
                row.add(x == null ? Cells.NA : Cells.fmt(x.fractionErased().mean(), 2) + " (never " + x.neverFlipped() + ")");
            }
            rows.add(row);
        });
        return List.of(new Table("decision-flip", "Fraction of tokens erased before the decision flips, mean over instances"
                + " that flip (number that never flip), per ordering (Serrano & Smith)", header, rows));
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<DecisionFlipExperiment.Result>>> byModel) {
        List<Figure> out = new ArrayList<>();
        DefaultCategoryDataset never = new DefaultCategoryDataset();
        byModel.forEach((model, all) -> {
            List<DecisionFlipExperiment.Result> rs = all.stream().filter(ResultRecord::qualifies).map(ResultRecord::result).toList();
            Map<String, Map<String, List<Double>>> rows = new LinkedHashMap<>();
            Map<String, List<Double>> row = new LinkedHashMap<>();
            rows.put(model, row);
            for (String o : rs.isEmpty() ? List.<String>of() : List.copyOf(rs.get(0).orderings().keySet())) {
                List<Double> fractions = new ArrayList<>();
                int nevers = 0;
                for (DecisionFlipExperiment.Result r : rs) {
                    DecisionFlipExperiment.Flip f = r.orderings().get(o);
                    if (f.flipped()) {
                        fractions.add(f.fraction());
                    } else {
                        nevers++;
                    }
                }
                // The never-flip count is part of the label: a box of 1 of 8 instances must not look like 8.
                row.put(o + " (never " + nevers + "/" + rs.size() + ")", fractions);
                never.addValue(rs.isEmpty() ? 0 : nevers / (double) rs.size(), model, o);
            }
            JFreeChart chart = Charts.boxes("Erased before the decision flips — " + model, "ordering",
                    "fraction of tokens erased", rows);
            horizontal(chart, 1.02);
            out.add(new Figure(Figure.stem("decision-flip-fraction", model),
                    "Fraction of real tokens erased (cumulatively, renormalising) before the decision changes, per "
                            + "ordering, over the instances that flip, " + model + ".", chart, Figure.WIDTH, Figure.HEIGHT + 60));
        });
        if (never.getRowCount() > 0) {
            JFreeChart chart = Charts.bars("Instances whose decision never flips", "ordering", "share of instances", never);
            horizontal(chart, 1.12); // room for the value labels beyond 1.0
            out.add(new Figure("decision-flip-never", "Share of instances whose decision never flips even with all "
                    + "tokens but one erased, per ordering and model.", chart, Figure.WIDTH, Figure.HEIGHT + 60));
        }
        return out;
    }

    /** Ordering names are long: horizontal bars keep them on one readable line on the left. */
    private static void horizontal(JFreeChart chart, double upper) {
        var plot = chart.getCategoryPlot();
        plot.setOrientation(org.jfree.chart.plot.PlotOrientation.HORIZONTAL);
        plot.getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.STANDARD);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f);
        plot.getRangeAxis().setRange(0, upper);
        if (plot.getRenderer() instanceof org.jfree.chart.renderer.category.BarRenderer bars) {
            // The default label position (above the bar) overlaps the next bar once bars are horizontal.
            bars.setDefaultPositiveItemLabelPosition(new org.jfree.chart.labels.ItemLabelPosition(
                    org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE3, org.jfree.chart.ui.TextAnchor.CENTER_LEFT));
        }
    }
}
