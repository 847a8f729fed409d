package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedReaderTest {

    private static List<SourceRecord> csv(String text) throws IOException {
        return DelimitedReader.csv().read(TestData.utf8(text), "t.csv");
    }

    @Test
    void readsTheRealCsvSliceWithQuotedCommas() throws IOException {
        List<SourceRecord> recs;
        try (InputStream in = TestData.open("user-yelp.csv")) {
            recs = DelimitedReader.csv().read(in, "user-yelp.csv");
        }
        assertEquals(20, recs.size());
        SourceRecord first = recs.get(0);
        assertEquals("yelp-00", first.require("review_id"));
        assertEquals("I tried the Cape Cod ravoli, chicken,with cranberry...mmmm!", first.require("sentence"));
        assertEquals("pos", first.require("sentiment"));
        assertEquals(2, first.line());
        assertEquals(21, recs.get(19).line());
        assertEquals(10, recs.stream().filter(r -> r.require("sentiment").equals("neg")).count());
    }

    @Test
    void readsTheRealTsvSlice() throws IOException {
        List<SourceRecord> recs;
        try (InputStream in = TestData.open("user-amazon.tsv")) {
            recs = DelimitedReader.tsv().read(in, "user-amazon.tsv");
        }
        assertEquals(20, recs.size());
        assertEquals("Good case, Excellent value.", recs.get(1).require("text"));
        assertEquals("positive", recs.get(1).require("label"));
        assertEquals("dev", recs.get(6).require("split"));
    }

    @Test
    void handlesDoubledQuotesLineBreaksInQuotesCrlfBomAndBlankLines() throws IOException {
        String text = "\uFEFFid,text,label\r\n"
                + "1,\"She said \"\"wow\"\", twice\",pos\r\n"
                + "\r\n"
                + "2,\"first line\nsecond line\",neg\n"
                + "3,a 5\" screen,neg\n"
                + "4,,pos";
        List<SourceRecord> recs = csv(text);
        assertEquals(4, recs.size());
        assertEquals("1", recs.get(0).require("id"), "the byte-order mark is not part of the first name");
        assertEquals("She said \"wow\", twice", recs.get(0).require("text"));
        assertEquals(2, recs.get(0).line());
        assertEquals("first line\nsecond line", recs.get(1).require("text"));
        assertEquals(4, recs.get(1).line());
        assertEquals("a 5\" screen", recs.get(2).require("text"), "a quote inside an unquoted field is literal");
        assertEquals(6, recs.get(2).line(), "line numbers count the line break inside the quoted field");
        assertEquals("", recs.get(3).require("text"));
        assertEquals(7, recs.get(3).line());
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereItOpened() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> csv("text,label\nok,pos\n\"never closed,neg\nmore,pos\n"));
        assertEquals("t.csv", e.file());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("unterminated quoted field"), e.getMessage());
    }

    @Test
    void wrongNumberOfFieldsNamesTheLine() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> csv("text,label\nok,pos\ngood, cheap,pos\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("t.csv:3: expected 2 fields as in the header (line 1), found 3"), e.getMessage());
    }

    @Test
    void textAfterClosingQuoteIsAnError() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> csv("text,label\n\"quoted\" tail,pos\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("after the closing quote"), e.getMessage());
    }

    @Test
    void headerProblemsAreErrors() {
        assertTrue(assertThrows(DatasetFormatException.class, () -> csv("text,text\na,b\n"))
                .getMessage().contains("duplicate column name 'text'"));
        assertTrue(assertThrows(DatasetFormatException.class, () -> csv("text,,label\na,b,c\n"))
                .getMessage().contains("empty column name"));
        assertTrue(assertThrows(DatasetFormatException.class, () -> csv(""))
                .getMessage().contains("no header row"));
    }

    @Test
    void tsvRowWithMissingTabNamesTheLine() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> DelimitedReader.tsv().read(TestData.utf8("text\tlabel\na\tpos\nb pos\n"), "t.tsv"));
        assertEquals("t.tsv", e.file());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("expected 2 fields"), e.getMessage());
    }
}
