package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {

    @Test
    void readsTheRealImdbSlice() throws IOException {
        List<SourceRecord> recs = TestData.jsonArray("imdb-reviews-slice.json");
        assertEquals(22, recs.size());
        SourceRecord first = recs.get(0);
        assertTrue(first.require("t").startsWith("Once again Mr. Costner has dragged out a movie"));
        assertEquals("0", first.require("s"));
        assertEquals("1", recs.get(21).require("s"));
        assertEquals(1, first.line(), "the file is a single line");
        assertEquals(0, first.element());
        assertEquals(21, recs.get(21).element());
        assertTrue(recs.stream().anyMatch(r -> r.require("t").contains("<br />")));
    }

    @Test
    void keepsJsonNullApartFromMissing() throws IOException {
        List<SourceRecord> recs = TestData.jsonArray("uci-yelp-slice.json");
        assertEquals(11, recs.size());
        SourceRecord placeholder = recs.get(10);
        assertTrue(placeholder.isNull("class"));
        assertTrue(placeholder.get("class").isEmpty());
        assertEquals("", placeholder.require("text"));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> placeholder.require("class"));
        assertEquals("uci-yelp-slice.json:1: element 10: field 'class' is null", e.getMessage());
        assertEquals("Wow... Loved this place.", recs.get(0).require("text"));
        assertFalse(recs.get(0).isNull("class"));
    }

    @Test
    void readsJsonLinesWithNumbersAndNestedValues() throws IOException {
        List<SourceRecord> recs;
        try (InputStream in = TestData.open("user-imdb.jsonl")) {
            recs = JsonRecordReader.readJsonLines(in, "user-imdb.jsonl");
        }
        assertEquals(20, recs.size());
        assertEquals("0", recs.get(0).require("label"));
        assertEquals("{\"set\":\"uci-imdb\"}", recs.get(0).require("source"));
        assertEquals(5, recs.get(4).line());
        assertEquals(-1, recs.get(4).element());
    }

    @Test
    void malformedJsonLineNamesFileAndLine() {
        String jsonl = "{\"text\": \"fine\", \"label\": \"a\"}\n\n{\"text\": \"broken, \"label\": \"b\"}\n";
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> JsonRecordReader.readJsonLines(TestData.utf8(jsonl), "x.jsonl"));
        assertEquals("x.jsonl", e.file());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("x.jsonl:3: malformed JSON"), e.getMessage());
    }

    @Test
    void jsonLineThatIsNotAnObjectIsRejected() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> JsonRecordReader.readJsonLines(TestData.utf8("{\"a\": 1}\n[1, 2]\n"), "y.jsonl"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("expected a JSON object, found array"), e.getMessage());
    }

    @Test
    void truncatedJsonArrayIsRejectedWithLine() {
        String json = "[\n{\"t\": \"a\", \"s\": 0},\n{\"t\": \"b\", \"s\": 1\n";
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> JsonRecordReader.readJsonArray(TestData.utf8(json), "r.json"));
        assertTrue(e.getMessage().startsWith("r.json:"), e.getMessage());
        assertTrue(e.line() >= 3, "line " + e.line());
    }

    @Test
    void arrayElementThatIsNotAnObjectIsRejected() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> JsonRecordReader.readJsonArray(TestData.utf8("[{\"t\":\"a\"},\n 42]"), "r.json"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("element 1: expected a JSON object"), e.getMessage());
    }

    @Test
    void invalidUtf8IsReportedWithLine() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '1', '}', '\n', '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> JsonRecordReader.readJsonLines(new ByteArrayInputStream(bytes), "bad.jsonl"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("bad.jsonl:2: not valid UTF-8"), e.getMessage());
    }

    @Test
    void invalidUtf8InAJsonArrayIsReported() {
        byte[] bytes = {'[', '{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ']'};
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> JsonRecordReader.readJsonArray(new ByteArrayInputStream(bytes), "bad.json"));
        assertTrue(e.getMessage().startsWith("bad.json:1: malformed JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }
}
