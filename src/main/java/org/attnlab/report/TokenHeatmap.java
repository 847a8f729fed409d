package org.attnlab.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ui.Drawable;

/**
 * A per-instance token heatmap: one row per importance measure, one column per real token, colour
 * intensity = |score| divided by the row's largest |score| (measures live on different scales; only
 * the ranking within a row is comparable). Negative scores (signed measures such as dp/dα) are orange,
 * positive blue. Long inputs wrap into bands so that every token stays legible.
 */
public final class TokenHeatmap implements Drawable {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color POSITIVE = ChartStyle.PALETTE[0];
    private static final Color NEGATIVE = ChartStyle.PALETTE[1];
    private static final int MARGIN = 12;
    private static final int ROW = 24;
    private static final int MAX_WIDTH = 960;

    private final String title;
    private final List<String> tokens;
    private final Map<String, double[]> rows;
    private final int labelWidth;
    private final List<int[]> bands = new ArrayList<>();
    private final int[] cellWidth;
    private final int width;
    private final int height;

    /**
     * @param tokens real tokens, in order
     * @param rows   measure name → one score per token in {@code tokens}
     */
    public TokenHeatmap(String title, List<String> tokens, Map<String, double[]> rows) {
        this.title = title;
        this.tokens = List.copyOf(tokens);
        this.rows = new LinkedHashMap<>(rows);
        FontMetrics fm = metrics(TEXT);
        labelWidth = rows.keySet().stream().mapToInt(fm::stringWidth).max().orElse(0) + 14;
        cellWidth = new int[tokens.size()];
        for (int i = 0; i < cellWidth.length; i++) {
            cellWidth[i] = Math.max(28, Math.min(150, fm.stringWidth(tokens.get(i)) + 10));
        }
        // Greedy wrapping: a new band when the next token would exceed the maximum width.
        int start = 0;
        int used = 0;
        int widest = 0;
        for (int i = 0; i < cellWidth.length; i++) {
            if (used + cellWidth[i] > MAX_WIDTH - 2 * MARGIN - labelWidth && i > start) {
                bands.add(new int[] {start, i});
                start = i;
                used = 0;
            }
            used += cellWidth[i];
            widest = Math.max(widest, used);
        }
        bands.add(new int[] {start, cellWidth.length});
        width = Math.max(Math.max(420, metrics(TITLE).stringWidth(title) + 2 * MARGIN), 2 * MARGIN + labelWidth + widest);
        height = MARGIN + 22 + bands.size() * ((rows.size() + 1) * ROW + 10) + 22 + MARGIN;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.translate(area.getX(), area.getY());
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setColor(Color.WHITE);
            g2.fill(new Rectangle2D.Double(0, 0, area.getWidth(), area.getHeight()));
            g2.setColor(Color.BLACK);
            g2.setFont(TITLE);
            g2.drawString(title, MARGIN, MARGIN + 14);
            g2.setFont(TEXT);
            FontMetrics fm = g2.getFontMetrics();
            Map<String, Double> rowMax = new LinkedHashMap<>();
            rows.forEach((k, v) -> rowMax.put(k, maxAbs(v)));
            int y = MARGIN + 22;
            for (int[] band : bands) {
                int x = MARGIN + labelWidth;
                for (int i = band[0]; i < band[1]; i++) {
                    centred(g2, fm, tokens.get(i), x, y, cellWidth[i], Color.BLACK);
                    x += cellWidth[i];
                }
                y += ROW;
                for (Map.Entry<String, double[]> row : rows.entrySet()) {
                    g2.setColor(Color.BLACK);
                    g2.drawString(row.getKey(), MARGIN, y + (ROW + fm.getAscent() - fm.getDescent()) / 2);
                    x = MARGIN + labelWidth;
                    for (int i = band[0]; i < band[1]; i++) {
                        double v = i < row.getValue().length ? row.getValue()[i] : Double.NaN;
                        g2.setColor(cell(v, rowMax.get(row.getKey())));
                        g2.fillRect(x, y, cellWidth[i], ROW);
                        g2.setColor(new Color(200, 200, 200));
                        g2.drawRect(x, y, cellWidth[i], ROW);
                        x += cellWidth[i];
                    }
                    y += ROW;
                }
                y += 10;
            }
            g2.setColor(Color.DARK_GRAY);
            g2.drawString("colour intensity = |score| / largest |score| in the row; blue positive, orange negative",
                    MARGIN, y + 14);
        } finally {
            g2.dispose();
        }
    }

    private static void centred(Graphics2D g, FontMetrics fm, String s, int x, int y, int w, Color c) {
        g.setColor(c);
        String text = s;
        while (fm.stringWidth(text) > w - 4 && text.length() > 1) {
            text = text.substring(0, text.length() - 1); // only for tokens wider than the 150 pt cap
        }
        g.drawString(text, x + (w - fm.stringWidth(text)) / 2, y + (ROW + fm.getAscent() - fm.getDescent()) / 2);
    }

    /** The fill colour: white for NaN or an all-zero row, else the sign's colour at |v| / max opacity. */
    static Color cell(double v, double max) {
        if (!Double.isFinite(v) || !(max > 0)) {
            return Color.WHITE;
        }
        double a = Math.min(1, Math.abs(v) / max);
        Color c = v < 0 ? NEGATIVE : POSITIVE;
        // Blend with white rather than use alpha, so PNG and SVG look the same on any background.
        return new Color(blend(c.getRed(), a), blend(c.getGreen(), a), blend(c.getBlue(), a));
    }

    private static int blend(int channel, double a) {
        return (int) Math.round(255 - a * (255 - channel));
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            if (Double.isFinite(d)) {
                m = Math.max(m, Math.abs(d));
            }
        }
        return m;
    }

    private static FontMetrics metrics(Font f) {
        // Measuring needs a graphics context; a 1x1 image gives the same metrics as the real drawing.
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(f);
        } finally {
            g.dispose();
        }
    }
}
