package org.attnlab.report;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The four chart shapes the report uses (density histogram, scatter, box plot, grouped bars), built
 * from plain maps and styled by {@link ChartStyle}; the figure families only choose data and labels.
 */
final class Charts {

    private Charts() {
    }

    /**
     * Overlaid density histograms (area 1 per series) on a fixed range, so that series of different
     * sizes (e.g. predicted classes) compare by shape. Series with no finite value are left out.
     */
    static JFreeChart histogram(String title, String x, Map<String, double[]> series, int bins, double min, double max) {
        HistogramDataset data = new HistogramDataset();
        data.setType(HistogramType.SCALE_AREA_TO_1);
        for (Map.Entry<String, double[]> s : series.entrySet()) {
            double[] v = Arrays.stream(s.getValue()).filter(Double::isFinite).map(d -> Math.max(min, Math.min(max, d))).toArray();
            if (v.length > 0) {
                data.addSeries(s.getKey() + " (n=" + v.length + ")", v, bins, min, max);
            }
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createHistogram(title, x, "density", data,
                PlotOrientation.VERTICAL, true, false, false));
        XYPlot plot = chart.getXYPlot();
        // Overlapping classes must stay visible through each other.
        plot.setForegroundAlpha(0.55f);
        ((XYBarRenderer) plot.getRenderer()).setDrawBarOutline(true);
        plot.getDomainAxis().setRange(min, max);
        return chart;
    }

    /** A scatter plot, one series per key, each point {x, y}; non-finite points are left out. */
    static JFreeChart scatter(String title, String x, String y, Map<String, List<double[]>> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
            XYSeries xy = new XYSeries(s.getKey(), false, true);
            s.getValue().stream().filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1])).forEach(p -> xy.add(p[0], p[1]));
            data.addSeries(xy);
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createScatterPlot(title, x, y, data,
                PlotOrientation.VERTICAL, true, false, false));
        chart.getXYPlot().setForegroundAlpha(0.75f);
        return chart;
    }

    /** Points joined by lines in x order, one series each (curves over a few x values). */
    static JFreeChart curves(String title, String x, String y, Map<String, List<double[]>> series) {
        JFreeChart chart = scatter(title, x, y, series);
        var r = (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        r.setDefaultLinesVisible(true);
        chart.getXYPlot().setForegroundAlpha(1f);
        return chart;
    }

    /**
     * Hollow markers of a different shape per series, slightly larger for earlier series, so series that
     * fall on the same points (full support on short inputs, say) stay distinguishable.
     */
    static void hollowShapes(JFreeChart chart) {
        var r = (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        int n = chart.getXYPlot().getDataset().getSeriesCount();
        for (int i = 0; i < n; i++) {
            double size = 12 - 2.0 * Math.min(i, 3);
            java.awt.Shape shape = switch (i % 4) {
                case 0 -> new java.awt.geom.Ellipse2D.Double(-size / 2, -size / 2, size, size);
                case 1 -> new java.awt.geom.Rectangle2D.Double(-size / 2, -size / 2, size, size);
                case 2 -> new java.awt.Polygon(new int[] {0, (int) (size / 2), (int) (-size / 2)},
                        new int[] {(int) (-size / 2), (int) (size / 2), (int) (size / 2)}, 3);
                default -> new java.awt.Polygon(new int[] {0, (int) (size / 2), 0, (int) (-size / 2)},
                        new int[] {(int) (-size / 2), 0, (int) (size / 2), 0}, 4);
            };
            r.setSeriesShape(i, shape);
            r.setSeriesShapesFilled(i, false);
            r.setSeriesStroke(i, new java.awt.BasicStroke(1.5f));
        }
        r.setUseOutlinePaint(false);
        chart.getXYPlot().setForegroundAlpha(1f);
    }

    /**
     * Box plots: rows are series (colours), columns are categories (x positions). Empty cells are left
     * out, since a box of no values is undefined.
     */
    static JFreeChart boxes(String title, String category, String value, Map<String, Map<String, List<Double>>> rows) {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        // Column-major, so the x order is the callers' order even when the first row misses a column.
        java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>();
        rows.values().forEach(row -> columns.addAll(row.keySet()));
        for (String column : columns) {
            for (Map.Entry<String, Map<String, List<Double>>> row : rows.entrySet()) {
                List<Double> v = row.getValue().getOrDefault(column, List.of()).stream().filter(Double::isFinite).toList();
                if (!v.isEmpty()) {
                    data.add(v, row.getKey(), column);
                }
            }
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createBoxAndWhiskerChart(title, category, value, data, rows.size() > 1));
        CategoryPlot plot = chart.getCategoryPlot();
        BoxAndWhiskerRenderer r = (BoxAndWhiskerRenderer) plot.getRenderer();
        r.setMeanVisible(false);
        r.setMaximumBarWidth(0.12);
        r.setFillBox(true);
        r.setUseOutlinePaintForWhiskers(false);
        for (int i = 0; i < rows.size(); i++) {
            r.setSeriesPaint(i, ChartStyle.color(i, 170));
        }
        tiltLabels(plot.getDomainAxis(), data.getColumnCount());
        // The axis' automatic range covers the whiskers only: outlier marks would be clipped at the top.
        double[] all = rows.values().stream().flatMap(row -> row.values().stream()).flatMap(List::stream)
                .mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
        if (all.length > 0) {
            double lo = java.util.Arrays.stream(all).min().orElseThrow();
            double hi = java.util.Arrays.stream(all).max().orElseThrow();
            double pad = 0.05 * Math.max(hi - lo, 1e-6);
            plot.getRangeAxis().setRange(lo - pad, hi + pad);
        }
        return chart;
    }

    /** Grouped vertical bars. */
    static JFreeChart bars(String title, String category, String value, DefaultCategoryDataset data) {
        JFreeChart chart = ChartStyle.apply(ChartFactory.createBarChart(title, category, value, data,
                PlotOrientation.VERTICAL, data.getRowCount() > 1, false, false));
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setItemMargin(0.05);
        r.setMaximumBarWidth(0.15);
        // Values on the bars: a mean near zero is otherwise invisible.
        r.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator("{2}",
                new java.text.DecimalFormat("0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        tiltLabels(plot.getDomainAxis(), data.getColumnCount());
        return chart;
    }

    /** Tilts category labels when there are many, so long names like ordering ids stay readable. */
    private static void tiltLabels(CategoryAxis axis, int categories) {
        if (categories > 4) {
            axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        axis.setMaximumCategoryLabelLines(2);
    }
}
