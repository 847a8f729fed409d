package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArffReaderTest {

    private static final String HEADER = "% comment\n@relation 'test rel'\n\n@attribute Text string\n@attribute class-att {0,1}\n\n@data\n";

    private static ArffData arff(String text) throws IOException {
        return ArffReader.read(TestData.utf8(text), "t.arff");
    }

    @Test
    void readsTheRealReutersSlice() throws IOException {
        ArffData a = TestData.arff("reuters-corn-train-slice.arff");
        assertTrue(a.relation().startsWith("Reuters-21578 Corn ModApte Train"), a.relation());
        assertEquals(List.of(new ArffData.Attribute("Text", ArffData.Type.STRING, List.of()),
                new ArffData.Attribute("class-att", ArffData.Type.NOMINAL, List.of("0", "1"))), a.attributes());
        assertEquals(11, a.rows().size());
        assertEquals(7, a.rows().get(0).line());
        assertEquals(17, a.rows().get(10).line());
        ArffData.Row first = a.rows().get(0);
        assertTrue(first.values().get(0).startsWith("CCC CREDITS FOR HONDURAS SWITCHED TO WHITE CORN The Commodity Credit Corporation (CCC)\nannounced"),
                "\\n escapes become line breaks");
        assertEquals("1", first.values().get(1));
        assertTrue(a.rows().stream().anyMatch(r -> r.values().get(0).contains("NOVEMBER'S")), "\\' becomes '");
        assertEquals(5, a.rows().stream().filter(r -> r.values().get(1).equals("1")).count());
        assertEquals(1, a.indexOf("class-att"));
    }

    @Test
    void readsEscapesMissingValuesAndOtherTypes() throws IOException {
        ArffData a = ArffReader.read(TestData.utf8("@RELATION r\n@ATTRIBUTE 'a name' REAL\n@attribute s string\n"
                + "@attribute d date\n@attribute c {x, 'y z'}\n@DATA\n1.5, 'it\\'s \"q\" \\\\ \\t', \"2020-01-01\", 'y z'\n?,?,?,?\n"), "t.arff");
        assertEquals("a name", a.attributes().get(0).name());
        assertEquals(ArffData.Type.NUMERIC, a.attributes().get(0).type());
        assertEquals(List.of("x", "y z"), a.attributes().get(3).nominal());
        assertEquals(List.of("1.5", "it's \"q\" \\ \t", "2020-01-01", "y z"), a.rows().get(0).values());
        ArffData.Row missing = a.rows().get(1);
        for (String v : missing.values()) {
            assertNull(v);
        }
    }

    @Test
    void wrongNumberOfValuesNamesTheLine() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> arff(HEADER + "'fine text',0\n'only text'\n"));
        assertEquals(9, e.line());
        assertTrue(e.getMessage().startsWith("t.arff:9: expected 2 values (one per @attribute), found 1"), e.getMessage());
    }

    @Test
    void undeclaredNominalValueNamesTheLine() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> arff(HEADER + "'fine text',0\n'text',2\n"));
        assertEquals(9, e.line());
        assertTrue(e.getMessage().contains("value '2' of class-att is not one of the declared values [0, 1]"), e.getMessage());
    }

    @Test
    void unterminatedQuoteNamesTheLine() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> arff(HEADER + "'never closed,0\n"));
        assertEquals(8, e.line());
        assertTrue(e.getMessage().contains("unterminated quoted value"), e.getMessage());
    }

    @Test
    void junkAfterAValueIsAnError() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> arff(HEADER + "'text' extra,0\n"));
        assertEquals(8, e.line());
        assertTrue(e.getMessage().contains("expected ',' after value 1"), e.getMessage());
    }

    @Test
    void sparseRowsAndUnknownTypesAndMissingDataAreErrors() {
        assertTrue(assertThrows(DatasetFormatException.class, () -> arff(HEADER + "{0 'x', 1 1}\n"))
                .getMessage().startsWith("t.arff:8: sparse ARFF rows"));
        assertTrue(assertThrows(DatasetFormatException.class, () -> arff("@relation r\n@attribute a relational\n@data\n"))
                .getMessage().startsWith("t.arff:2: unsupported attribute type 'relational'"));
        assertTrue(assertThrows(DatasetFormatException.class, () -> arff("@relation r\n@attribute a string\n"))
                .getMessage().contains("no @data section"));
        assertTrue(assertThrows(DatasetFormatException.class, () -> arff("@relation r\nhello\n@data\n"))
                .getMessage().startsWith("t.arff:2: expected @relation, @attribute or @data"));
        assertTrue(assertThrows(DatasetFormatException.class,
                () -> arff("@relation r\n@attribute n numeric\n@data\nabc\n"))
                .getMessage().startsWith("t.arff:4: value 'abc' of numeric attribute n is not a number"));
    }
}
