package org.attnlab.report;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.attnlab.io.AtomicFiles;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a {@link Figure} as PNG (raster, scaled), SVG and PDF (both vector, at the figure's point size),
 * all three drawn through the figure's one {@link org.jfree.chart.ui.Drawable}. The PNG is {@code scale}
 * times the figure's point size: 2 (the default) suits screens; 300 / 72 ≈ 4.17 gives 300 dpi at the
 * point size. Each file is written to a temporary sibling and moved into place, so a reader sees the
 * old file or the whole new one, never a partial file.
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
        return AtomicFiles.write(dir.resolve(f.name() + ".png"), out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** Writes {@code dir/<name>.svg} (the bare {@code <svg>} element, UTF-8); returns its path. */
    public Path writeSvg(Figure f, Path dir) throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(f.width(), f.height());
        // JFreeSVG's default id prefix is random: a fixed one per figure keeps the file reproducible and
        // the ids unique when several figures are inlined in one page.
        g.setDefsKeyPrefix(f.name() + "-");
        f.drawable().draw(g, new Rectangle2D.Double(0, 0, f.width(), f.height()));
        byte[] svg = g.getSVGElement().getBytes(StandardCharsets.UTF_8);
        return AtomicFiles.write(dir.resolve(f.name() + ".svg"), out -> out.write(svg));
    }

    /**
     * Writes {@code dir/<name>.pdf}: one page whose media box is the figure's size in points, the figure
     * as a vector form. Text is drawn as glyph outlines (PDFBox-Graphics2D's default with no font
     * registered), so the PDF looks exactly like the PNG and SVG, including Greek letters, whatever fonts
     * the reader has. Returns its path.
     */
    public Path writePdf(Figure f, Path dir) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(f.width(), f.height()));
            document.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(document, f.width(), f.height());
            try {
                f.drawable().draw(g, new Rectangle2D.Double(0, 0, f.width(), f.height()));
            } finally {
                g.dispose();
            }
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawForm(g.getXFormObject());
            }
            // PDFBox otherwise derives the trailer's /ID from the clock: fix it so the same records give
            // the same bytes.
            byte[] id = fileId(f.name());
            org.apache.pdfbox.cos.COSArray ids = new org.apache.pdfbox.cos.COSArray();
            ids.add(new org.apache.pdfbox.cos.COSString(id));
            ids.add(new org.apache.pdfbox.cos.COSString(id));
            document.getDocument().getTrailer().setItem(org.apache.pdfbox.cos.COSName.ID, ids);
            return AtomicFiles.write(dir.resolve(f.name() + ".pdf"), document::save);
        }
    }

    /** A PDF file identifier (16 bytes) that depends on the figure's name only. */
    private static byte[] fileId(String name) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
