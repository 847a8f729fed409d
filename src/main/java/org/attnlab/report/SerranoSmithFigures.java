package org.attnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.stats.McNemar;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Serrano &amp; Smith (2019): per model, the 2×2 table of which single erasure flips the decision (with
 * McNemar's p) and ΔJS against Δα for single erasures; the fraction of tokens erased before the decision
 * flips under each ordering (with how many instances never flip).
 */
public final class SerranoSmithFigures implements FigureFamily {

    @Override
    public List<Figure> build(RunRecords r) {
        List<Figure> out = new ArrayList<>();
        for (String model : r.models("erasure-single")) {
            Map<String, List<double[]>> points = new LinkedHashMap<>();
            for (String k : List.of("neither flipped", "only top flipped", "only random flipped", "both flipped")) {
                points.put(k, new ArrayList<>());
            }
            for (JsonNode x : r.qualifying("erasure-single", model)) {
                boolean top = x.path("top").path("flipped").asBoolean();
                boolean random = x.path("random").path("flipped").asBoolean();
                String key = top && random ? "both flipped" : top ? "only top flipped" : random ? "only random flipped" : "neither flipped";
                points.get(key).add(new double[] {RunRecords.number(x.path("delta_attention")), RunRecords.number(x.path("delta_jsd"))});
            }
            out.add(flipTable(model, points));
            points.values().removeIf(List::isEmpty);
            JFreeChart chart = Charts.scatter("Single erasure: ΔJS vs Δα — " + model, "Δα = α(top) − α(random)",
                    "ΔJS = JS(top) − JS(random) (nats)", points);
            out.add(Figure.of(Figure.stem("erasure-delta-jsd", model),
                    "Difference in output JS divergence between erasing the most attended and a random token, against "
                            + "the difference in their attention, " + model + ".", chart));
        }
        DefaultCategoryDataset never = new DefaultCategoryDataset();
        for (String model : r.models("decision-flip")) {
            List<JsonNode> rs = r.qualifying("decision-flip", model);
            Map<String, Map<String, List<Double>>> rows = new LinkedHashMap<>();
            Map<String, List<Double>> row = new LinkedHashMap<>();
            rows.put(model, row);
            for (String o : orderings(rs)) {
                List<Double> fractions = new ArrayList<>();
                int nevers = 0;
                for (JsonNode x : rs) {
                    JsonNode f = x.path("orderings").path(o);
                    if (f.path("flipped").asBoolean()) {
                        fractions.add(RunRecords.number(f.path("fraction")));
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
        }
        if (never.getRowCount() > 0) {
            JFreeChart chart = Charts.bars("Instances whose decision never flips", "ordering", "share of instances", never);
            horizontal(chart, 1.12); // room for the value labels beyond 1.0
            out.add(new Figure("decision-flip-never", "Share of instances whose decision never flips even with all "
                    + "tokens but one erased, per ordering and model.", chart, Figure.WIDTH, Figure.HEIGHT + 60));
        }
        return out;
    }

    /** The 2×2 table from the scatter's groups (one point per qualifying instance). */
    private static Figure flipTable(String model, Map<String, List<double[]>> groups) {
        int both = groups.get("both flipped").size();
        int onlyTop = groups.get("only top flipped").size();
        int onlyRandom = groups.get("only random flipped").size();
        int neither = groups.get("neither flipped").size();
        FlipTable table = new FlipTable("Which single erasure flips the decision — " + model, both, onlyTop, onlyRandom, neither,
                McNemar.pValue(onlyTop, onlyRandom));
        return new Figure(Figure.stem("erasure-flips", model), "Instances whose decision flips when the most attended "
                + "token i* is erased (rows) and when a random other token r is erased (columns), " + model + "; "
                + table.pText() + ".", table, FlipTable.WIDTH, FlipTable.HEIGHT);
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

    static List<String> orderings(List<JsonNode> rs) {
        List<String> out = new ArrayList<>();
        if (!rs.isEmpty()) {
            for (Iterator<String> it = rs.get(0).path("orderings").fieldNames(); it.hasNext(); ) {
                out.add(it.next());
            }
        }
        return out;
    }
}
