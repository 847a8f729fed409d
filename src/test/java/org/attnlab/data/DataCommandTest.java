package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attnlab.cli.DataCommand;
import org.attnlab.testing.TempHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code attnlab data ...} run in-process on the committed slices (no network). */
class DataCommandTest {

    @RegisterExtension final TempHome home = new TempHome();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new DataCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            failure = ex;
            return 2;
        });
        return cl.execute(args);
    }

    /** The exception the last command failed with (what the real ErrorHandler turns into one line). */
    private Exception failure;

    @Test
    void statsOfAUserCsvAsJson() throws Exception {
        int code = run("stats", "--file", TestData.path("user-yelp.csv").toString(), "--text-field", "sentence",
                "--label-field", "sentiment", "--id-field", "review_id", "--format", "json");
        assertEquals(0, code, err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertEquals("user-yelp", j.get("name").asText());
        assertEquals(20, j.get("total").asInt());
        assertEquals("[\"neg\",\"pos\"]", j.get("labels").toString());
        assertEquals(16, j.at("/splits/train/count").asInt());
        assertEquals(8, j.at("/splits/train/labels/neg").asInt());
        assertEquals(1, j.at("/splits/test/labels/pos").asInt());
        assertEquals(Checksums.sha256(TestData.path("user-yelp.csv")), j.get("sha256").asText());
        assertTrue(j.at("/all/tokens/mean").asDouble() > j.at("/all/words/mean").asDouble(),
                "WordPiece splits punctuation off, so there are more tokens than words");
        assertTrue(j.get("tokenizer").asText().contains("WordPiece"));
    }

    @Test
    void statsOfAUserTsvAsText() {
        int code = run("stats", "--file", TestData.path("user-amazon.tsv").toString(), "--split-field", "split");
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("user-amazon: 20 examples (20 entries in the source)"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("train\\s+16\\s+8\\s+8\\s.*")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("dev\\s+2\\s+2\\s+0\\s.*")), text);
    }

    @Test
    void listShowsAllBuiltinsAsMissingInAnEmptyHome() throws Exception {
        assertEquals(0, run("list", "--format", "json"), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertEquals(home.dir().resolve("datasets/cache").toAbsolutePath().normalize().toString(), j.get("cacheDir").asText());
        assertEquals(org.attnlab.data.DatasetCatalog.names().size(), j.get("datasets").size());
        for (JsonNode d : j.get("datasets")) {
            assertEquals("missing", d.get("cache").asText(), d.toString());
        }
        assertEquals("imdb", j.at("/datasets/0/name").asText());
        assertEquals(49578, j.at("/datasets/0/examples").asInt());
        JsonNode corn = null;
        for (JsonNode d : j.get("datasets")) {
            corn = d.get("name").asText().equals("reuters-corn") ? d : corn;
        }
        assertEquals(2158, corn.get("examples").asInt(), "reuters-corn, found by name: " + j);
    }

    @Test
    void listRecognisesAVerifiedAndACorruptCachedFile() throws Exception {
        Path cache = Files.createDirectories(home.dir().resolve("datasets/cache"));
        Files.writeString(cache.resolve("sentiment-5.0.2.tgz"), "not the package");
        assertEquals(0, run("list"), err.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("uci-amazon") && l.contains("corrupt")), out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("imdb") && l.contains("missing")), out.toString());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, run("stats"));
        assertTrue(err.toString().contains("give either a dataset NAME or --file PATH"), err.toString());
        assertEquals(2, run("stats", "imdb", "--format", "xml"));
        assertTrue(err.toString().contains("--format must be text or json"), err.toString());
    }

    @Test
    void unknownDatasetAndBadFileAreBadInput() {
        assertEquals(2, run("stats", "sst"));
        assertTrue(failure instanceof IllegalArgumentException && failure.getMessage().startsWith("unknown dataset 'sst'"),
                String.valueOf(failure));
        assertEquals(2, run("stats", "--file", TestData.path("user-yelp.csv").toString(), "--text-field", "sentence",
                "--label-field", "sentiment", "--labels", "neg"));
        assertTrue(failure instanceof DatasetFormatException f && f.line() == 2, String.valueOf(failure));
    }
}
