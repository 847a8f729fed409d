package org.attnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.attnlab.experiment.RunSummary;
import org.attnlab.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.io.Directories;

/**
 * Writes {@code <run>/report/}: {@code index.html} (tables inline, figures as relative PNG files with
 * SVG and PDF links, provenance, a sample of instances with token highlighting), {@code figures/*.png|svg|pdf}
 * and {@code tables/*.md|csv|tex}. Everything comes from the records alone (the summary is recomputed
 * from them), so a run directory copied elsewhere without models gives the same report. The report is
 * built in a temporary sibling directory and moved into place, so a reader never sees half a report.
 */
public final class ReportWriter {

    private final FigureWriter figures;
    private final int samplePerModel;

    public ReportWriter() {
        this(new FigureWriter(), 20);
    }

    /**
     * @param figures        how figures are written (PNG scale)
     * @param samplePerModel instances per model in the browsable sample
     */
    public ReportWriter(FigureWriter figures, int samplePerModel) {
        this.figures = figures;
        this.samplePerModel = samplePerModel;
    }

    /** Writes the report of the run directory; returns the path of {@code index.html}. */
    public static Path write(Path runDir) throws IOException {
        return new ReportWriter().writeReport(runDir);
    }

    /**
     * Writes the report of the run directory; returns the path of {@code index.html}.
     *
     * @throws IllegalArgumentException if the directory is not a run directory (no records/ or no records)
     */
    public Path writeReport(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException(runDir + ": no such directory");
        }
        RunRecords records = RunRecords.read(runDir);
        RunSummary summary = RunSummary.of(runDir);
        Path tmp = Directories.stageBeside(runDir.resolve("report"));
        try {
            Path figureDir = Files.createDirectories(tmp.resolve("figures"));
            Path tableDir = Files.createDirectories(tmp.resolve("tables"));
            List<Figure> written = new ArrayList<>();
            for (Figure f : figures(records)) {
                figures.writePng(f, figureDir);
                figures.writeSvg(f, figureDir);
                figures.writePdf(f, figureDir);
                written.add(f);
            }
            List<Table> tables = ExperimentReports.tables(summary);
            for (Table t : tables) {
                Files.writeString(tableDir.resolve(t.name() + ".md"), t.markdown(), StandardCharsets.UTF_8);
                Files.writeString(tableDir.resolve(t.name() + ".csv"), t.csv(), StandardCharsets.UTF_8);
                Files.writeString(tableDir.resolve(t.name() + ".tex"), t.latex(), StandardCharsets.UTF_8);
            }
            JsonNode provenance = readJson(runDir.resolve("provenance.json"));
            String html = new ReportHtml(runDir, records, written, tables, provenance, samplePerModel).render();
            Files.writeString(tmp.resolve("index.html"), html, StandardCharsets.UTF_8);
            Directories.replace(tmp, runDir.resolve("report"));
        } catch (IOException | RuntimeException e) {
            Directories.deleteQuietly(tmp);
            throw e;
        }
        return runDir.resolve("report").resolve("index.html");
    }


    /** Every figure of the report: each experiment type's family, then the token heatmaps. */
    public static List<Figure> figures(RunRecords records) {
        List<Figure> all = new ArrayList<>(ExperimentReports.figures(records));
        all.addAll(new TokenHeatmaps().build(records));
        return all;
    }

    private static JsonNode readJson(Path file) throws IOException {
        return Files.isRegularFile(file) ? Json.PLAIN.readTree(file.toFile()) : null;
    }
}
