package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text-format word vectors: header optional, only wanted words kept, every bad line named by file and line. */
class WordVectorFileTest {

    @TempDir
    Path tmp;

    private Path write(String text) throws Exception {
        Path f = Files.createTempFile(tmp, "vectors", ".vec");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsWantedWordsWithOrWithoutHeader() throws Exception {
        Path withHeader = write("3 2\nthe 0.5 -1\nfilm 1e-3 2.25 \nbad 3 4\n");
        Map<String, float[]> v = WordVectorFile.read(withHeader, Set.of("film", "the", "missing"), 2);
        assertEquals(Set.of("the", "film"), v.keySet());
        assertArrayEquals(new float[] {0.001f, 2.25f}, v.get("film"));
        Path plain = write("the 0.5 -1 0\ndon't 1 2 3\n");
        assertArrayEquals(new float[] {1, 2, 3}, WordVectorFile.read(plain, Set.of("don't"), 0).get("don't"));
    }

    @Test
    void aWrongDimensionNamesFileAndLine() throws Exception {
        Path f = write("the 0.5 -1 0\nfilm 1 2\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> WordVectorFile.read(f, Set.of(), 0));
        assertEquals(f + ":2: \"film\" has 2 values, expected 3 (as the lines before)", e.getMessage());
        DatasetFormatException expected = assertThrows(DatasetFormatException.class,
                () -> WordVectorFile.read(write("the 0.5 -1 0\n"), Set.of("the"), 300));
        assertEquals(1, expected.line());
        assertEquals(true, expected.getMessage().endsWith(":1: \"the\" has 3 values, expected 300 (model.embedding_dim)"),
                expected.getMessage());
        DatasetFormatException header = assertThrows(DatasetFormatException.class,
                () -> WordVectorFile.read(write("10 100\nthe 1\n"), Set.of(), 300));
        assertEquals(true, header.getMessage().endsWith(":1: the header declares 100-dimensional vectors, expected 300 "
                + "(model.embedding_dim)"), header.getMessage());
    }

    @Test
    void aMalformedLineNamesFileAndLine() throws Exception {
        Path number = write("the 0.5 -1\nfilm 1 x2\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> WordVectorFile.read(number, Set.of(), 0));
        assertEquals(number + ":2: value 2 of \"film\" is not a finite number: \"x2\"", e.getMessage());
        Path lonely = write("the 0.5 -1\n\nfilm\n");
        assertEquals(lonely + ":3: expected a word followed by its values, got \"film\"",
                assertThrows(DatasetFormatException.class, () -> WordVectorFile.read(lonely, Set.of(), 0)).getMessage());
        Path nan = write("the NaN 1\n");
        assertEquals(1, assertThrows(DatasetFormatException.class, () -> WordVectorFile.read(nan, Set.of(), 0)).line());
    }
}
