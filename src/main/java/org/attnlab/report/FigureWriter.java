package org.attnlab.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a {@link Figure} as PNG (raster, scaled) and SVG (vector). The PNG is {@code scale} times the
 * figure's point size: 2 (the default) suits screens; 300 / 72 ≈ 4.17 gives 300 dpi at the point size.
 */
public final class FigureWriter {

    /** Default PNG scale: sharp on high-density screens, small files. */
    public static final double DEFAULT_SCALE = 2.0;

    private final double scale;

    public FigureWriter() {
        this(DEFAULT_SCALE);
    }

    /** @param scale PNG pixels per point (≥ 0.25) */
    public FigureWriter(double scale) {
        if (!(scale >= 0.25 && scale <= 20)) {
            throw new IllegalArgumentException("PNG scale must be within [0.25, 20]: " + scale);
        }
        this.scale = scale;
    }

    /** A writer whose PNGs have the given resolution when printed at the figures' point size. */
    public static FigureWriter atDpi(int dpi) {
        return new FigureWriter(dpi / 72.0);
    }

    /** Pixel width of the PNG written for the figure. */
    public int pixelWidth(Figure f) {
        return (int) Math.round(f.width() * scale);
    }

    /** Pixel height of the PNG written for the figure. */
    public int pixelHeight(Figure f) {
        return (int) Math.round(f.height() * scale);
    }

    /** Writes {@code dir/<name>.png}; returns its path. */
    public Path writePng(Figure f, Path dir) throws IOException {
        BufferedImage image = new BufferedImage(pixelWidth(f), pixelHeight(f), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            // Fill first: TYPE_INT_RGB starts black and a drawable may leave margins unpainted.
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            // Draw at point size under a scale transform so fonts and strokes grow with the pixels.
            g.scale(scale, scale);
            f.drawable().draw(g, new Rectangle2D.Double(0, 0, f.width(), f.height()));
        } finally {
            g.dispose();
        }
        Path file = dir.resolve(f.name() + ".png");
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
        return file;
    }

    /** Writes {@code dir/<name>.svg} (the bare {@code <svg>} element, UTF-8); returns its path. */
    public Path writeSvg(Figure f, Path dir) throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(f.width(), f.height());
        f.drawable().draw(g, new Rectangle2D.Double(0, 0, f.width(), f.height()));
        Path file = dir.resolve(f.name() + ".svg");
        Files.writeString(file, g.getSVGElement(), StandardCharsets.UTF_8);
        return file;
    }
}
