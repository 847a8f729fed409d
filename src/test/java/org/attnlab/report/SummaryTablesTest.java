package org.attnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tables show summary.json's numbers: each cell parsed back equals the summary to its printed precision. */
class SummaryTablesTest {

    private static final Pattern TAU = Pattern.compile("(-?[0-9.]+) ± ([0-9.]+|n/a) \\(([0-9.]+)\\)");

    private final JsonNode summary = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(ReportFixture.dir().resolve("summary.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Table> tables() {
        return SummaryTables.of(summary).stream().collect(Collectors.toMap(Table::name, t -> t));
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
                JsonNode o = summary.path("correlation").path(row.get(0)).path("kendall").path(pair).path("overall");
                Matcher m = TAU.matcher(row.get(c));
                assertTrue(m.matches(), row.get(c));
                assertEquals(o.path("mean").asDouble(), Double.parseDouble(m.group(1)), 5e-4, row + " " + pair);
                assertEquals(o.path("std").asDouble(), Double.parseDouble(m.group(2)), 5e-4, row + " " + pair);
                assertEquals(o.path("fraction_significant").asDouble(), Double.parseDouble(m.group(3)), 5e-3);
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
            JsonNode s = summary.path("erasure-single").path(row.get(0));
            assertEquals(s.path("flips").path("neither").asInt(), Integer.parseInt(row.get(header.indexOf("neither"))));
            assertEquals(s.path("flips").path("only_top").asInt(), Integer.parseInt(row.get(header.indexOf("only top flips"))));
            assertEquals(s.path("mcnemar_p").asDouble(), Double.parseDouble(row.get(header.indexOf("McNemar p"))), 5e-4);
        }
    }

    @Test
    void decisionFlipAndEfficientCellsEqualTheSummary() {
        Table flip = tables().get("decision-flip");
        for (List<String> row : flip.rows()) {
            JsonNode o = summary.path("decision-flip").path(row.get(0)).path("orderings").path("attention-desc");
            String cell = row.get(flip.header().indexOf("attention-desc"));
            assertTrue(cell.endsWith("(never " + o.path("never_flipped").asInt() + ")"), cell);
            double mean = RunRecords.number(o.path("fraction_erased").path("mean"));
            String shown = cell.substring(0, cell.indexOf(' '));
            assertEquals(Double.isNaN(mean) ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", mean), shown);
        }
        Table efficient = tables().get("efficient-attention");
        for (List<String> row : efficient.rows()) {
            JsonNode s = summary.path("efficient-attention").path(row.get(0));
            assertEquals(s.path("sufficiency_rate").asDouble(), Double.parseDouble(row.get(efficient.header().indexOf("sufficiency rate"))), 5e-3);
            assertEquals(s.path("necessity_rate").asDouble(), Double.parseDouble(row.get(efficient.header().indexOf("necessity rate"))), 5e-3);
        }
    }

    @Test
    void paperTableOnlyForImdbModels() {
        assertTrue(!tables().containsKey("correlation-paper"), "no bilstm-imdb model in the fixture");
        ObjectNode renamed = ((ObjectNode) summary).deepCopy();
        ObjectNode corr = (ObjectNode) renamed.path("correlation");
        corr.set("bilstm-imdb-seed1", corr.remove("bilstm-uci-yelp"));
        Table paper = SummaryTables.of(renamed).stream().filter(t -> t.name().equals("correlation-paper")).findFirst().orElseThrow();
        assertEquals(List.of("bilstm-imdb-seed1", "attention~gradient", SummaryTables.tau(corr.path("bilstm-imdb-seed1")
                .path("kendall").path("attention~gradient").path("overall")), "0.44 ± 0.06 (1.00)"), paper.rows().get(0));
        assertEquals("0.34 ± 0.07 (0.99)", paper.rows().get(1).get(3));
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
