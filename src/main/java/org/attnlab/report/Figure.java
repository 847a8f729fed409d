package org.attnlab.report;

import org.jfree.chart.ui.Drawable;

/**
 * One figure, ready to draw: a {@link org.jfree.chart.JFreeChart} or any other {@link Drawable} (the
 * token heatmap), its file stem and its size in points (1/72 inch: the SVG and PDF page size, and the PNG size at 1x).
 *
 * @param name    file stem, unique within a report (e.g. {@code correlation-tau-bilstm-uci-yelp})
 * @param caption one sentence saying what is shown, for the report
 * @param drawable what to draw
 * @param width   width in points
 * @param height  height in points
 */
public record Figure(String name, String caption, Drawable drawable, int width, int height) {

    /** Default size of a chart: legible at 12–14 pt in a two-column page or a browser. */
    public static final int WIDTH = 640;
    public static final int HEIGHT = 420;

    public Figure {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("figure name must be a safe file stem: " + name);
        }
    }

    public static Figure of(String name, String caption, Drawable drawable) {
        return new Figure(name, caption, drawable, WIDTH, HEIGHT);
    }

    /** A file stem from free text (model names, orderings): anything unsafe becomes '-'. */
    public static String stem(String... parts) {
        return String.join("-", parts).replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
