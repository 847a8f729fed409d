package org.attnlab.report;

import org.attnlab.experiment.ErasureSingleType;
import org.attnlab.experiment.RunSummary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serrano &amp; Smith's 2×2 flip table figure shows the summary's 2×2 numbers and McNemar p. */
class FlipTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void cellsEqualTheSummaryOnTheFixture() throws Exception {
        assertCellsEqualSummary(ReportFixture.dir(), List.of("bilstm-uci-yelp", "minilm-uci-yelp"));
    }

    /**
     * The fixture's instances never flip, so records with every cell filled, different per model and in
     * shuffled order, plus non-qualifying records (which flip, and must count nowhere).
     */
    @Test
    void cellsEqualTheSummaryWithEveryCellFilled() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run/records"));
        List<JsonNode> templates = Files.readAllLines(ReportFixture.dir().resolve("records/erasure-single.jsonl")).stream()
                .filter(l -> !l.isBlank()).map(FlipTableTest::parse).toList();
        Map<String, int[]> counts = new LinkedHashMap<>();
        counts.put("bilstm-uci-yelp", new int[] {2, 9, 1, 14}); // both, only top, only random, neither
        counts.put("minilm-uci-yelp", new int[] {0, 3, 5, 4});
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, int[]> m : counts.entrySet()) {
            JsonNode template = templates.stream().filter(t -> t.path("model").asText().equals(m.getKey())).findFirst().orElseThrow();
            boolean[][] cells = {{true, true}, {true, false}, {false, true}, {false, false}};
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < m.getValue()[c]; i++) {
                    lines.add(record(template, m.getKey() + "-" + c + "-" + i, true, cells[c][0], cells[c][1]));
                }
            }
            lines.add(record(template, m.getKey() + "-short", false, true, true));
        }
        java.util.Collections.shuffle(lines, new Random(7));
        Files.write(run.resolve("erasure-single.jsonl"), lines, StandardCharsets.UTF_8);

        assertCellsEqualSummary(run.getParent(), List.copyOf(counts.keySet()));
        // And against the counts the records were made with, in case both sides miscounted alike.
        Map<String, FlipTable> tables = tables(run.getParent());
        for (Map.Entry<String, int[]> m : counts.entrySet()) {
            FlipTable t = tables.get(m.getKey());
            int[] c = m.getValue();
            assertEquals(List.of(c[0], c[1], c[2], c[3]), List.of(t.cell(true, true), t.cell(true, false),
                    t.cell(false, true), t.cell(false, false)), m.getKey());
        }
        assertEquals(0.021484375, tables.get("bilstm-uci-yelp").mcnemarP(), 1e-15, "exact: 2 P(X <= 1), X ~ Bin(10, 1/2)");
    }

    @Test
    void pTextSaysWhenNoInstanceIsDiscordant() {
        assertEquals("McNemar p = 1 (no discordant instance)", new FlipTable("t", 3, 0, 0, 4, 1.0).pText());
        assertEquals("McNemar exact p = 0.021 (only i*: 9 vs only r: 1)", new FlipTable("t", 2, 9, 1, 14, 0.021484375).pText());
        assertEquals("McNemar exact p = 1.6e-30 (only i*: 0 vs only r: 100)", new FlipTable("t", 0, 0, 100, 0, 1.6e-30).pText());
    }

    private static void assertCellsEqualSummary(Path run, List<String> models) throws Exception {
        Map<String, ErasureSingleType.Summary> summary = RunSummary.of(run).of(ErasureSingleType.INSTANCE);
        Map<String, FlipTable> tables = tables(run);
        assertEquals(models, List.copyOf(tables.keySet()));
        for (String model : models) {
            FlipTable t = tables.get(model);
            ErasureSingleType.Summary s = summary.get(model);
            assertEquals(s.flips().both(), t.cell(true, true), model);
            assertEquals(s.flips().onlyTop(), t.cell(true, false), model);
            assertEquals(s.flips().onlyRandom(), t.cell(false, true), model);
            assertEquals(s.flips().neither(), t.cell(false, false), model);
            assertEquals(s.qualifying(), t.n(), model);
            assertEquals(s.mcnemarP(), t.mcnemarP(), 0.0, model);
        }
    }

    /** The flip table figure of each model, by model, checking its name and that its caption carries p. */
    private static Map<String, FlipTable> tables(Path run) {
        Map<String, FlipTable> out = new LinkedHashMap<>();
        RunRecords records = RunRecords.read(run);
        for (Figure f : new ErasureSingleReport().figures(records.byModel(ErasureSingleType.INSTANCE))) {
            if (f.name().startsWith("erasure-flips-")) {
                FlipTable t = assertInstanceOf(FlipTable.class, f.drawable());
                assertTrue(f.caption().contains(t.pText()), f.caption());
                out.put(f.name().substring("erasure-flips-".length()), t);
            }
        }
        return out;
    }

    private static String record(JsonNode template, String id, boolean qualifies, boolean top, boolean random) {
        ObjectNode r = template.deepCopy();
        r.put("id", id);
        r.put("qualifies", qualifies);
        ((ObjectNode) r.path("top")).put("flipped", top);
        ((ObjectNode) r.path("random")).put("flipped", random);
        return r.toString();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
