package org.attnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/** Every experiment type's figures render from the fixture, and the PNG, SVG and PDF written decode at the expected size. */
class FigureFamiliesTest {

    @TempDir Path tmp;

    @Test
    void everyFamilyRendersPngSvgAndPdfOfTheExpectedSize() throws Exception {
        RunRecords records = RunRecords.read(ReportFixture.dir());
        FigureWriter writer = new FigureWriter(1.5);
        Set<String> names = new HashSet<>();
        List<List<Figure>> families = new java.util.ArrayList<>();
        for (ExperimentReport<?, ?> report : ExperimentReports.ALL) {
            if (!records.types().contains(report.type())) {
                continue; // the frozen fixture predates this type; the live run below covers it
            }
            List<Figure> figures = ExperimentReports.figures(report, records);
            assertFalse(figures.isEmpty(), report.type().id() + " drew nothing from the fixture");
            families.add(figures);
        }
        families.add(new TokenHeatmaps().build(records));
        for (List<Figure> figures : families) {
            for (Figure f : figures) {
                assertTrue(names.add(f.name()), "duplicate figure name " + f.name());
                BufferedImage png = ImageIO.read(writer.writePng(f, tmp).toFile());
                assertNotNull(png, f.name());
                assertEquals(Math.round(f.width() * 1.5), png.getWidth(), f.name());
                assertEquals(Math.round(f.height() * 1.5), png.getHeight(), f.name());
                String svg = Files.readString(writer.writeSvg(f, tmp));
                assertTrue(svg.startsWith("<svg"), f.name());
                // Well-formed XML with an svg root.
                var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
                assertEquals("svg", doc.getDocumentElement().getNodeName());
                Path pdf = writer.writePdf(f, tmp);
                assertEquals("%PDF-", new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.US_ASCII), f.name());
                try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
                    assertEquals(1, d.getNumberOfPages(), f.name());
                    PDRectangle box = d.getPage(0).getMediaBox();
                    assertEquals(f.width(), box.getWidth(), 1e-3, f.name());
                    assertEquals(f.height(), box.getHeight(), 1e-3, f.name());
                    // Vector output: the page draws the figure as a form, with no raster image anywhere.
                    assertEquals(0, images(d.getPage(0).getResources()), f.name());
                    assertTrue(d.getPage(0).getResources().getXObjectNames().iterator().hasNext(), f.name());
                }
            }
        }
    }

    /** Raster images among the resources' XObjects, forms searched recursively. */
    static int images(PDResources resources) throws java.io.IOException {
        int n = 0;
        if (resources == null) {
            return 0;
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDImageXObject) {
                n++;
            } else if (x instanceof PDFormXObject form) {
                n += images(form.getResources());
            }
        }
        return n;
    }

    @Test
    void everyExperimentOfTheFixtureHasItsFigures() {
        RunRecords records = RunRecords.read(ReportFixture.dir());
        List<String> names = ReportWriter.figures(records).stream().map(Figure::name).toList();
        for (String expected : List.of("correlation-tau-attention-gradient-bilstm-uci-yelp",
                "correlation-tau-attention-loo-minilm-uci-yelp", "permutation-median-tvd-minilm-uci-yelp",
                "adversarial-jsd-bilstm-uci-yelp", "adversarial-jsd-vs-max-attention-bilstm-uci-yelp",
                "erasure-delta-jsd-bilstm-uci-yelp", "erasure-flips-bilstm-uci-yelp", "erasure-flips-minilm-uci-yelp",
                "decision-flip-fraction-minilm-uci-yelp", "decision-flip-never",
                "efficient-support-size", "efficient-sufficiency-necessity", "efficient-kendall-minilm-uci-yelp")) {
            assertTrue(names.contains(expected), expected + " missing from " + names);
        }
        // The transformer cannot be attacked (recorded as unsupported): no adversarial figure for it.
        assertFalse(names.contains("adversarial-jsd-minilm-uci-yelp"));
        assertEquals(2, names.stream().filter(n -> n.startsWith("tokens-bilstm-uci-yelp")).count());
    }

    @Test
    void aLiveRunOfEveryTypeGivesEveryTypesFiguresAndTables() throws Exception {
        // Records written now by the current code (not a frozen fixture): a result field renamed or dropped on
        // the writing side breaks the typed reading or the figures here.
        Path run = tmp.resolve("live");
        org.attnlab.experiment.ToySuiteMain.run(run, 0);
        RunRecords records = RunRecords.read(run);
        assertEquals(org.attnlab.experiment.ExperimentTypes.ids(), records.experiments());
        for (ExperimentReport<?, ?> report : ExperimentReports.ALL) {
            assertFalse(ExperimentReports.figures(report, records).isEmpty(), report.type().id());
        }
        List<String> tables = ExperimentReports.tables(org.attnlab.experiment.RunSummary.of(run)).stream()
                .map(Table::name).toList();
        assertTrue(tables.containsAll(org.attnlab.experiment.ExperimentTypes.ids()), tables.toString());
        assertTrue(new ReportWriter().writeReport(run).toFile().isFile());
    }

    @Test
    void everyExperimentTypeHasAReport() {
        for (var type : org.attnlab.experiment.ExperimentTypes.ALL) {
            assertEquals(type, ExperimentReports.of(type).type());
        }
        assertEquals(org.attnlab.experiment.ExperimentTypes.ALL.size(), ExperimentReports.ALL.size());
    }

    @Test
    void noFigureForAnExperimentWithoutRecords() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run/records"));
        Files.copy(ReportFixture.dir().resolve("records/correlation.jsonl"), run.resolve("correlation.jsonl"));
        RunRecords records = RunRecords.read(tmp.resolve("run"));
        assertEquals(List.of("correlation"), records.experiments());
        List<Figure> figures = ExperimentReports.figures(records);
        assertFalse(figures.isEmpty());
        assertTrue(figures.stream().allMatch(f -> f.name().startsWith("correlation-")), figures.toString());
    }

    @Test
    void heatmapWrapsLongInputsAndKeepsItsSize() throws Exception {
        List<String> tokens = java.util.stream.IntStream.range(0, 120).mapToObj(i -> "token" + i).toList();
        double[] scores = java.util.stream.IntStream.range(0, 120).mapToDouble(i -> i % 7 - 3).toArray();
        TokenHeatmap h = new TokenHeatmap("long", tokens, java.util.Map.of("signed", scores));
        assertTrue(h.width() <= 960, "wraps instead of growing: " + h.width());
        Figure f = new Figure("long", "long input", h, h.width(), h.height());
        BufferedImage png = ImageIO.read(new FigureWriter().writePng(f, tmp).toFile());
        assertEquals(h.width() * 2, png.getWidth());
        assertEquals(h.height() * 2, png.getHeight());
    }
}
