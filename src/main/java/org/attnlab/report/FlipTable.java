package org.attnlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import org.jfree.chart.ui.Drawable;

/**
 * Serrano &amp; Smith's 2×2 table of a single-erasure experiment as a figure: rows say whether erasing
 * the most attended token i* flips the decision, columns whether erasing a random other token r does;
 * each cell shows its count and share of the instances, shaded by that share, with row and column
 * totals. The two discordant cells, the only ones McNemar's test uses, are outlined.
 */
public final class FlipTable implements Drawable {

    /** Figure size in points. */
    public static final int WIDTH = Figure.WIDTH;
    public static final int HEIGHT = 372;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font HEADER = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font COUNT = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    private static final Color FILL = ChartStyle.PALETTE[0];
    private static final Color DISCORDANT = ChartStyle.PALETTE[1];
    private static final Color RULE = new Color(190, 190, 190);
    private static final int MARGIN = 12;
    private static final int GROUP = 140;
    private static final int LABEL = 80;
    private static final int CELL = 140;
    private static final int TOTAL = 90;
    private static final int ROW = 88;

    private final String title;
    private final int both;
    private final int onlyTop;
    private final int onlyRandom;
    private final int neither;
    private final double mcnemarP;

    /**
     * @param both       instances whose decision flips under either erasure
     * @param onlyTop    … only when i* is erased
     * @param onlyRandom … only when r is erased
     * @param neither    … under neither erasure
     * @param mcnemarP   McNemar's p-value over the discordant cells
     */
    public FlipTable(String title, int both, int onlyTop, int onlyRandom, int neither, double mcnemarP) {
        if (both < 0 || onlyTop < 0 || onlyRandom < 0 || neither < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "counts must be non-negative: both=%d onlyTop=%d onlyRandom=%d neither=%d", both, onlyTop, onlyRandom, neither));
        }
        this.title = title;
        this.both = both;
        this.onlyTop = onlyTop;
        this.onlyRandom = onlyRandom;
        this.neither = neither;
        this.mcnemarP = mcnemarP;
    }

    public int both() {
        return both;
    }

    public int onlyTop() {
        return onlyTop;
    }

    public int onlyRandom() {
        return onlyRandom;
    }

    public int neither() {
        return neither;
    }

    /** Instances in the table. */
    public int n() {
        return both + onlyTop + onlyRandom + neither;
    }

    public double mcnemarP() {
        return mcnemarP;
    }

    /** The count of the cell (row: erasing i* flips; column: erasing r flips). */
    public int cell(boolean topFlips, boolean randomFlips) {
        return topFlips ? (randomFlips ? both : onlyTop) : (randomFlips ? onlyRandom : neither);
    }

    /** McNemar's p as the figure and the caption print it. */
    public String pText() {
        if (onlyTop + onlyRandom == 0) {
            return "McNemar p = 1 (no discordant instance)";
        }
        String p = mcnemarP >= 0.001 || !(mcnemarP > 0) ? String.format(Locale.ROOT, "%.3f", mcnemarP)
                : String.format(Locale.ROOT, "%.1e", mcnemarP);
        return String.format(Locale.ROOT, "McNemar exact p = %s (only i*: %d vs only r: %d)", p, onlyTop, onlyRandom);
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.translate(area.getX(), area.getY());
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setColor(Color.WHITE);
            g2.fill(new Rectangle2D.Double(0, 0, area.getWidth(), area.getHeight()));
            g2.setColor(Color.BLACK);
            g2.setFont(TITLE);
            g2.drawString(title, MARGIN, MARGIN + 15);
            g2.setFont(TEXT);
            g2.drawString(String.format(Locale.ROOT, "n = %d instances · %s", n(), pText()), MARGIN, MARGIN + 37);

            int tableWidth = GROUP + LABEL + 2 * CELL + TOTAL;
            int x0 = (int) Math.max(MARGIN, (area.getWidth() - tableWidth) / 2);
            int cells = x0 + GROUP + LABEL;
            int y = MARGIN + 66;
            g2.setFont(HEADER);
            centred(g2, "erase a random other token r", cells, y, 2 * CELL);
            y += 22;
            centred(g2, "flips", cells, y, CELL);
            centred(g2, "no flip", cells + CELL, y, CELL);
            centred(g2, "total", cells + 2 * CELL, y, TOTAL);
            int top = y + 8;
            // The row group label, centred on the two rows.
            g2.setFont(HEADER);
            g2.drawString("erase the most", x0, top + ROW - 4);
            g2.drawString("attended token i*", x0, top + ROW + 14);
            for (int row = 0; row < 2; row++) {
                boolean topFlips = row == 0;
                int ry = top + row * ROW;
                g2.setFont(HEADER);
                g2.setColor(Color.BLACK);
                g2.drawString(topFlips ? "flips" : "no flip", x0 + GROUP, ry + ROW / 2 + 5);
                for (int col = 0; col < 2; col++) {
                    cell(g2, cells + col * CELL, ry, cell(topFlips, col == 0));
                }
                total(g2, cells + 2 * CELL, TOTAL, ry + ROW / 2 + 5, topFlips ? both + onlyTop : onlyRandom + neither);
            }
            int ty = top + 2 * ROW;
            g2.setColor(Color.BLACK);
            g2.setFont(HEADER);
            g2.drawString("total", x0 + GROUP, ty + 22);
            total(g2, cells, CELL, ty + 22, both + onlyRandom);
            total(g2, cells + CELL, CELL, ty + 22, onlyTop + neither);
            total(g2, cells + 2 * CELL, TOTAL, ty + 22, n());
            // The discordant cells' outlines again, over the neighbours' grey rules.
            g2.setColor(DISCORDANT);
            g2.setStroke(new BasicStroke(3f));
            g2.drawRect(cells + CELL + 1, top + 1, CELL - 2, ROW - 2);
            g2.drawRect(cells + 1, top + ROW + 1, CELL - 2, ROW - 2);
            g2.setStroke(new BasicStroke(1f));
            g2.setFont(TEXT);
            g2.setColor(Color.DARK_GRAY);
            g2.drawString("Shading: share of the n instances.", MARGIN, ty + 54);
            g2.drawString("Outlined: the discordant cells, the only ones McNemar's test compares.", MARGIN, ty + 72);
        } finally {
            g2.dispose();
        }
    }

    /** One count cell: shaded by its share, the count large and the share below it. */
    private void cell(Graphics2D g, int x, int y, int count) {
        double share = n() == 0 ? 0 : count / (double) n();
        // Blend with white rather than use alpha, so PNG, SVG and PDF look the same on any background.
        double a = 0.08 + 0.77 * share;
        Color fill = new Color(blend(FILL.getRed(), a), blend(FILL.getGreen(), a), blend(FILL.getBlue(), a));
        g.setColor(fill);
        g.fillRect(x, y, CELL, ROW);
        g.setColor(RULE);
        g.drawRect(x, y, CELL, ROW);
        Color ink = a > 0.5 ? Color.WHITE : Color.BLACK;
        g.setColor(ink);
        g.setFont(COUNT);
        centred(g, Integer.toString(count), x, y + ROW / 2 - 2, CELL);
        g.setFont(TEXT);
        centred(g, n() == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * share), x, y + ROW / 2 + 22, CELL);
    }

    /** A row or column total with its share, centred in [x, x + w). */
    private void total(Graphics2D g, int x, int w, int baseline, int count) {
        g.setColor(Color.BLACK);
        g.setFont(TEXT);
        String share = n() == 0 ? "" : String.format(Locale.ROOT, " (%.0f%%)", 100.0 * count / n());
        centred(g, count + share, x, baseline, w);
    }

    /** Draws s centred horizontally in [x, x + w) with its baseline at y. */
    private static void centred(Graphics2D g, String s, int x, int y, int w) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, x + (w - fm.stringWidth(s)) / 2f, y);
    }

    private static int blend(int channel, double a) {
        return (int) Math.round(255 - a * (255 - channel));
    }
}
