package org.attnlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;

/**
 * The one look of every chart: white background, light grey grid, 12–14 pt sans-serif text and the
 * Okabe–Ito colour-blind-safe palette. Applied per chart rather than as JFreeChart's global theme so
 * that nothing else in the process is affected.
 */
public final class ChartStyle {

    /** Okabe–Ito: distinguishable under the common colour-vision deficiencies and in greyscale order. */
    public static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), Color.BLACK};

    private static final String FAMILY = Font.SANS_SERIF;

    private ChartStyle() {
    }

    /** Styles the chart in place and returns it. */
    public static JFreeChart apply(JFreeChart chart) {
        theme().apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(6, 6, 6, 12));
        return chart;
    }

    private static StandardChartTheme theme() {
        StandardChartTheme t = new StandardChartTheme("attnlab");
        t.setExtraLargeFont(new Font(FAMILY, Font.BOLD, 15));
        t.setLargeFont(new Font(FAMILY, Font.PLAIN, 14));
        t.setRegularFont(new Font(FAMILY, Font.PLAIN, 13));
        t.setSmallFont(new Font(FAMILY, Font.PLAIN, 12));
        t.setChartBackgroundPaint(Color.WHITE);
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setLegendBackgroundPaint(Color.WHITE);
        t.setPlotOutlinePaint(Color.GRAY);
        t.setDomainGridlinePaint(new Color(220, 220, 220));
        t.setRangeGridlinePaint(new Color(220, 220, 220));
        t.setAxisLabelPaint(Color.BLACK);
        t.setTickLabelPaint(Color.BLACK);
        t.setBarPainter(new StandardBarPainter());
        t.setXYBarPainter(new StandardXYBarPainter());
        t.setShadowVisible(false);
        Shape dot = new Ellipse2D.Double(-4, -4, 8, 8);
        t.setDrawingSupplier(new DefaultDrawingSupplier(PALETTE, PALETTE, PALETTE,
                new Stroke[] {new BasicStroke(2f)}, new Stroke[] {new BasicStroke(1f)}, new Shape[] {dot}));
        return t;
    }

    /** The palette colour for series i, with the given alpha (0–255) for overlapping bars and points. */
    public static Paint color(int i, int alpha) {
        Color c = PALETTE[i % PALETTE.length];
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
