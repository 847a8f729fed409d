package org.attnlab.report;

import java.util.LinkedHashMap;
import org.attnlab.experiment.CorrelationType;
import org.attnlab.experiment.DecisionFlipType;
import org.attnlab.experiment.EfficientAttentionType;
import org.attnlab.experiment.ErasureSingleType;
import org.attnlab.experiment.RunSummary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tables show the summary's numbers: each cell parsed back equals the summary to its printed precision. */
class SummaryTablesTest {

    private static final Pattern TAU = Pattern.compile("(-?[0-9.]+) ± ([0-9.]+|n/a) \\(([0-9.]+)\\)");

    private final RunSummary summary = RunSummary.of(ReportFixture.dir());

    private Map<String, Table> tables() {
        return ExperimentReports.tables(summary).stream().collect(Collectors.toMap(Table::name, t -> t));
    }

    @Test
    void correlationMarkdownCellsEqualTheSummary() {
        Table t = tables().get("correlation");
        List<String> lines = t.markdown().lines().toList();
        List<String> header = cells(lines.get(0));
        for (String line : lines.subList(2, lines.size())) {
            List<String> row = cells(line);
            for (int c = 1; c < header.size(); c++) {
                String pair = header.get(c).substring("τ ".length());
                var o = summary.of(CorrelationType.INSTANCE).get(row.get(0)).kendall().get(pair).overall();
                Matcher m = TAU.matcher(row.get(c));
                assertTrue(m.matches(), row.get(c));
                assertEquals(o.mean(), Double.parseDouble(m.group(1)), 5e-4, row + " " + pair);
                assertEquals(o.std(), Double.parseDouble(m.group(2)), 5e-4, row + " " + pair);
                assertEquals(o.fractionSignificant(), Double.parseDouble(m.group(3)), 5e-3);
            }
        }
        assertEquals(1 + 2, lines.size() - 1, "header, rule and one row per model");
    }

    @Test
    void erasureCsvCellsEqualTheSummary() {
        List<String> lines = tables().get("erasure-single").csv().lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = Arrays.asList(line.split(","));
            ErasureSingleType.Summary s = summary.of(ErasureSingleType.INSTANCE).get(row.get(0));
            assertEquals(s.flips().neither(), Integer.parseInt(row.get(header.indexOf("neither"))));
            assertEquals(s.flips().onlyTop(), Integer.parseInt(row.get(header.indexOf("only top flips"))));
            assertEquals(s.mcnemarP(), Double.parseDouble(row.get(header.indexOf("McNemar p"))), 5e-4);
        }
    }

    @Test
    void erasureKindsTableShowsEachKindAndNaForKindsTheOlderRecordsLack() {
        // The fixture's records predate second and lowest: those rows count 0 instances and print n/a.
        Table t = tables().get("erasure-single-kinds");
        for (List<String> row : t.rows()) {
            ErasureSingleType.Summary s = summary.of(ErasureSingleType.INSTANCE).get(row.get(0));
            String kind = row.get(t.header().indexOf("erased"));
            ErasureSingleType.KindSummary k = s.erasures().get(kind);
            int n = Integer.parseInt(row.get(t.header().indexOf("instances")));
            assertEquals(kind.equals("top") || kind.equals("random") ? s.qualifying() : 0, n, row.toString());
            assertEquals(k.flipped(), Integer.parseInt(row.get(t.header().indexOf("flips"))));
            String mean = row.get(t.header().indexOf("JS mean"));
            assertEquals(n == 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1e", k.jsd().mean()), mean);
        }
        assertEquals(2 * ErasureSingleType.KINDS.size(), t.rows().size(), "one row per model and kind");
    }

    @Test
    void decisionFlipAndEfficientCellsEqualTheSummary() {
        Table flip = tables().get("decision-flip");
        for (List<String> row : flip.rows()) {
            DecisionFlipType.OrderingSummary o = summary.of(DecisionFlipType.INSTANCE).get(row.get(0)).orderings()
                    .get("attention-desc");
            String cell = row.get(flip.header().indexOf("attention-desc"));
            assertTrue(cell.endsWith("(never " + o.neverFlipped() + ")"), cell);
            double mean = o.fractionErased().mean();
            String shown = cell.substring(0, cell.indexOf(' '));
            assertEquals(Double.isNaN(mean) ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", mean), shown);
        }
        Table efficient = tables().get("efficient-attention");
        for (List<String> row : efficient.rows()) {
            EfficientAttentionType.Summary s = summary.of(EfficientAttentionType.INSTANCE).get(row.get(0));
            assertEquals(s.sufficiencyRate(), Double.parseDouble(row.get(efficient.header().indexOf("sufficiency rate"))), 5e-3);
            assertEquals(s.necessityRate(), Double.parseDouble(row.get(efficient.header().indexOf("necessity rate"))), 5e-3);
        }
    }

    @Test
    void paperTableOnlyForImdbModels() {
        assertTrue(!tables().containsKey("correlation-paper"), "no bilstm-imdb model in the fixture");
        Map<String, CorrelationType.Summary> renamed = new LinkedHashMap<>();
        summary.of(CorrelationType.INSTANCE).forEach((model, s) -> renamed.put(
                model.equals("bilstm-uci-yelp") ? "bilstm-imdb-seed1" : model, s));
        Table paper = new CorrelationReport().tables(renamed).stream().filter(t -> t.name().equals("correlation-paper"))
                .findFirst().orElseThrow();
        assertEquals(List.of("bilstm-imdb-seed1", "attention~gradient", Cells.tau(renamed.get("bilstm-imdb-seed1")
                .kendall().get("attention~gradient").overall()), "0.437 ± 0.061 (1.00)"), paper.rows().get(0));
        assertEquals("0.341 ± 0.070 (0.99)", paper.rows().get(1).get(3));
    }

    @Test
    void latexIsBooktabsWithEscapes() {
        String tex = tables().get("correlation").latex();
        assertTrue(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"), tex);
        assertTrue(tex.contains("$\\pm$") && tex.contains("attention\\textasciitilde{}loo"), tex);
        assertTrue(!tex.contains("±") && !tex.contains("_"), "no raw ± or unescaped underscore");
    }

    private static List<String> cells(String mdLine) {
        String inner = mdLine.substring(2, mdLine.length() - 2);
        return Arrays.stream(inner.split(" \\| ")).map(String::trim).toList();
    }
}
