package org.attnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attnlab.experiment.RunSummary;
import org.attnlab.experiment.ToySuiteMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary's numbers equal the same statistics computed here directly from the records' JSON (read by key
 * here on purpose: an independent reader, so a result field renamed on the writing side fails this test).
 */
class RunSummaryTest {

    @TempDir Path tmp;

    @Test
    void summaryAgreesWithTheRecords() throws Exception {
        ToySuiteMain.run(tmp, 0);
        JsonNode s = RunSummary.of(tmp).json();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> corr = records(json, tmp, "correlation");
        double sum = 0;
        int n = 0;
        int significant = 0;
        for (JsonNode r : corr) {
            if (r.path("qualifies").asBoolean()) {
                JsonNode pair = r.path("kendall").path("attention~loo");
                if (!pair.path("tau").isNumber() || Double.isNaN(pair.path("tau").asDouble())) {
                    continue;
                }
                sum += pair.path("tau").asDouble();
                n++;
                significant += pair.path("p").asDouble() <= 0.05 ? 1 : 0;
            }
        }
        JsonNode overall = s.path("correlation").path("toy").path("kendall").path("attention~loo").path("overall");
        assertEquals(n, overall.path("count").asInt());
        assertEquals(sum / n, overall.path("mean").asDouble(), 1e-12);
        assertEquals(significant / (double) n, overall.path("fraction_significant").asDouble(), 1e-12);

        int topOnly = 0;
        int neither = 0;
        int qualifying = 0;
        for (JsonNode r : records(json, tmp, "erasure-single")) {
            if (r.path("qualifies").asBoolean()) {
                qualifying++;
                boolean top = r.path("top").path("flipped").asBoolean();
                boolean random = r.path("random").path("flipped").asBoolean();
                topOnly += top && !random ? 1 : 0;
                neither += !top && !random ? 1 : 0;
            }
        }
        JsonNode flips = s.path("erasure-single").path("toy").path("flips");
        assertEquals(topOnly, flips.path("only_top").asInt());
        assertEquals(neither, flips.path("neither").asInt());
        assertEquals(qualifying, s.path("erasure-single").path("toy").path("qualifying").asInt());
    }

    @Test
    void headlineIsOneRowPerStatisticWithTheSummarysNumbers() throws Exception {
        ToySuiteMain.run(tmp, 0);
        RunSummary summary = RunSummary.of(tmp);
        List<String> lines = ExperimentReports.headline(summary);
        // Short: the header, correlation's three pairs, decision-flip's two orders and one row per other type.
        assertTrue(lines.size() <= 1 + 3 + 2 + org.attnlab.experiment.ExperimentTypes.ALL.size() - 2, String.join("\n", lines));
        assertEquals("toy", lines.get(0).strip());
        JsonNode overall = summary.json().path("correlation").path("toy").path("kendall").path("attention~loo").path("overall");
        String row = lines.stream().filter(l -> l.startsWith("tau attention~loo")).findFirst().orElseThrow();
        assertTrue(row.endsWith(String.format(java.util.Locale.ROOT, "%.2f ± %.2f (%.2f)", overall.path("mean").asDouble(),
                overall.path("std").asDouble(), overall.path("fraction_significant").asDouble())), row);
        JsonNode flips = summary.json().path("erasure-single").path("toy").path("flips");
        String erasure = lines.stream().filter(l -> l.startsWith("erasure: flips top / random")).findFirst().orElseThrow();
        assertTrue(erasure.endsWith((flips.path("both").asInt() + flips.path("only_top").asInt()) + " / "
                + (flips.path("both").asInt() + flips.path("only_random").asInt()) + " of "
                + summary.json().path("erasure-single").path("toy").path("qualifying").asInt()), erasure);
    }

    private static List<JsonNode> records(ObjectMapper json, Path dir, String experiment) throws Exception {
        return Files.readAllLines(dir.resolve("records").resolve(experiment + ".jsonl")).stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
