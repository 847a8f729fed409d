package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDatasetLoaderTest {

    @TempDir
    Path tmp;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void csvWithIdFieldAndInferredLabels() throws IOException {
        Path csv = TestData.path("user-yelp.csv");
        Dataset d = UserDatasetLoader.load(new UserDatasetSpec(csv, FileFormat.CSV, "sentence", "sentiment", List.of(), "review_id", null));
        assertEquals("user-yelp", d.name());
        assertEquals(List.of("neg", "pos"), d.labels(), "labels found, sorted");
        assertEquals(20, d.size());
        assertEquals(List.of(16, 2, 2), List.of(d.train().size(), d.dev().size(), d.test().size()));
        Example e = d.all().stream().filter(x -> x.id().equals("yelp-00")).findFirst().orElseThrow();
        assertEquals("I tried the Cape Cod ravoli, chicken,with cranberry...mmmm!", e.text());
        assertEquals(1, d.labelId(e.label()));
        assertEquals(Checksums.sha256(csv), d.provenance().sha256());
        assertEquals(20, d.provenance().rawCount());
    }

    @Test
    void givenLabelListFixesTheIds() throws IOException {
        Dataset d = UserDatasetLoader.load(new UserDatasetSpec(TestData.path("user-yelp.csv"), FileFormat.CSV, "sentence",
                "sentiment", List.of("pos", "neg"), null, null));
        assertEquals(List.of("pos", "neg"), d.labels());
        assertEquals(0, d.labelId("pos"));
        assertTrue(d.all().stream().allMatch(x -> x.id().startsWith("line-")));
    }

    @Test
    void unknownLabelNamesFileAndLine() {
        Path csv = TestData.path("user-yelp.csv");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> UserDatasetLoader.load(
                new UserDatasetSpec(csv, FileFormat.CSV, "sentence", "sentiment", List.of("neg"), null, null)));
        assertEquals(csv.toString(), e.file());
        assertEquals(2, e.line(), "yelp-00 (line 2) is the first 'pos'");
        assertTrue(e.getMessage().endsWith("unknown label 'pos' in field 'sentiment' (allowed: neg)"), e.getMessage());
    }

    @Test
    void tsvWithSplitField() throws IOException {
        Dataset d = UserDatasetLoader.load(new UserDatasetSpec(TestData.path("user-amazon.tsv"), FileFormat.TSV, "text", "label",
                List.of("negative", "positive"), null, "split"));
        assertEquals(List.of(16, 2, 2), List.of(d.train().size(), d.dev().size(), d.test().size()));
        assertTrue(d.dev().stream().allMatch(x -> x.label().equals("negative")), "rows 7 and 15 (split=dev) are negative");
        assertEquals("line-0000002", d.train().get(0).id(), "given splits keep file order");
    }

    @Test
    void jsonlWithNumericLabels() throws IOException {
        Dataset d = UserDatasetLoader.load(UserDatasetSpec.of(TestData.path("user-imdb.jsonl"), FileFormat.JSONL, "text", "label"));
        assertEquals(List.of("0", "1"), d.labels());
        assertEquals(20, d.size());
        assertEquals(8, d.all().stream().filter(x -> x.label().equals("0")).count());
        assertTrue(d.all().stream().noneMatch(x -> x.text().endsWith(" ")), "text is trimmed");
    }

    @Test
    void missingFieldNamesFileAndLine() throws IOException {
        Path f = write("m.jsonl", "{\"text\": \"fine\", \"label\": \"a\"}\n{\"txt\": \"typo\", \"label\": \"b\"}\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> UserDatasetLoader.load(UserDatasetSpec.of(f, FileFormat.JSONL, "text", "label")));
        assertEquals(f + ":2: missing field 'text' (fields here: [label, txt])", e.getMessage());
        Path csv = write("m.csv", "text,lbl\nhello,a\n");
        e = assertThrows(DatasetFormatException.class,
                () -> UserDatasetLoader.load(UserDatasetSpec.of(csv, FileFormat.CSV, "text", "label")));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("missing field 'label'"), e.getMessage());
    }

    @Test
    void emptyTextAndEmptyLabelNameFileAndLine() throws IOException {
        Path f = write("e.csv", "text,label\nfine,a\n\"  \",b\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> UserDatasetLoader.load(UserDatasetSpec.of(f, FileFormat.CSV, "text", "label")));
        assertEquals(f + ":3: empty text in field 'text'", e.getMessage());
        Path g = write("e.jsonl", "{\"text\": \"fine\", \"label\": \"\"}\n");
        e = assertThrows(DatasetFormatException.class,
                () -> UserDatasetLoader.load(UserDatasetSpec.of(g, FileFormat.JSONL, "text", "label")));
        assertEquals(g + ":1: empty label in field 'label'", e.getMessage());
        Path h = write("n.jsonl", "{\"text\": null, \"label\": \"x\"}\n");
        e = assertThrows(DatasetFormatException.class,
                () -> UserDatasetLoader.load(UserDatasetSpec.of(h, FileFormat.JSONL, "text", "label")));
        assertEquals(h + ":1: field 'text' is null", e.getMessage());
    }

    @Test
    void malformedCsvAndJsonLinesPropagateWithFileAndLine() throws IOException {
        Path csv = write("bad.csv", "text,label\n\"open quote,a\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> UserDatasetLoader.load(UserDatasetSpec.of(csv, FileFormat.CSV, "text", "label")));
        assertTrue(e.getMessage().startsWith(csv + ":2: unterminated quoted field"), e.getMessage());
        Path jsonl = write("bad.jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\" \"label\": \"y\"}\n");
        e = assertThrows(DatasetFormatException.class,
                () -> UserDatasetLoader.load(UserDatasetSpec.of(jsonl, FileFormat.JSONL, "text", "label")));
        assertTrue(e.getMessage().startsWith(jsonl + ":2: malformed JSON"), e.getMessage());
    }

    @Test
    void duplicateIdsBadSplitValuesAndMissingFilesAreErrors() throws IOException {
        Path f = write("d.csv", "id,text,label\na,one,x\nb,two,y\na,three,x\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> UserDatasetLoader.load(
                new UserDatasetSpec(f, FileFormat.CSV, "text", "label", null, "id", null)));
        assertEquals(f + ":4: duplicate id 'a' (first on line 2)", e.getMessage());
        Path s = write("s.csv", "text,label,split\none,x,train\ntwo,y,holdout\n");
        e = assertThrows(DatasetFormatException.class, () -> UserDatasetLoader.load(
                new UserDatasetSpec(s, FileFormat.CSV, "text", "label", null, null, "split")));
        assertTrue(e.getMessage().startsWith(s + ":3: unknown split 'holdout'"), e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> UserDatasetLoader.load(UserDatasetSpec.of(tmp.resolve("nope.csv"), FileFormat.CSV, "text", "label")));
        assertTrue(m.getMessage().startsWith("no such file"), m.getMessage());
    }

    @Test
    void formatFromFileName() {
        assertEquals(FileFormat.CSV, FileFormat.fromFileName(Path.of("a/b.CSV")));
        assertEquals(FileFormat.TSV, FileFormat.fromFileName(Path.of("b.tsv")));
        assertEquals(FileFormat.JSONL, FileFormat.fromFileName(Path.of("b.jsonl")));
        assertThrows(IllegalArgumentException.class, () -> FileFormat.fromFileName(Path.of("b.json")));
        assertEquals(FileFormat.JSONL, FileFormat.parse("JSONL"));
        assertThrows(IllegalArgumentException.class, () -> FileFormat.parse("xml"));
    }
}
