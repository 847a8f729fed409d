package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.ModelException;
import org.attnlab.model.Precision;
import org.attnlab.model.TrainingOptions;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Attention;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Encoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RnnSaveLoadTest {

    @TempDir Path tmp;

    @Test
    void savedAndLoadedModelGivesIdenticalOutputs() throws IOException {
        for (Precision precision : Precision.values()) {
            Path dir = tmp.resolve("cnn-" + precision);
            try (DjlRnnAttentionModel trained = TinyRnnModels.create(Encoder.CNN, Attention.ADDITIVE, precision, 21)) {
                List<TokenizedText> inputs = TinyRnnModels.SENTENCES.stream().map(s -> trained.tokenize(s, false)).toList();
                trained.trainStep(inputs, new int[] {0, 1, 0, 1, 0, 2});
                trained.save(dir);
                List<ForwardResult> before = trained.forward(inputs, ForwardOptions.EVERYTHING);
                try (DjlRnnAttentionModel loaded = DjlRnnAttentionModel.load(dir, precision)) {
                    assertEquals("cnn-" + precision, loaded.info().name());
                    assertEquals("rnn-attention", loaded.info().architecture());
                    assertEquals(List.of(1, 1, 40), List.of(loaded.info().layers(), loaded.info().heads(),
                            loaded.info().maxPositions()));
                    assertEquals(trained.config(), loaded.config());
                    List<ForwardResult> after = loaded.forward(
                            TinyRnnModels.SENTENCES.stream().map(s -> loaded.tokenize(s, false)).toList(),
                            ForwardOptions.EVERYTHING);
                    for (int i = 0; i < inputs.size(); i++) {
                        assertArrayEquals(before.get(i).probabilities(), after.get(i).probabilities(), 0.0);
                        assertArrayEquals(before.get(i).attentions()[0][0][0], after.get(i).attentions()[0][0][0], 0f);
                    }
                    assertThrows(IllegalStateException.class, () -> loaded.trainStep(inputs, new int[6]));
                }
            }
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no temporary directories left behind");
        }
    }

    @Test
    void savingOverAnExistingModelReplacesItButNothingElse() throws IOException {
        Path dir = tmp.resolve("model");
        try (DjlRnnAttentionModel a = TinyRnnModels.create(Encoder.AVERAGE, Attention.DOT, Precision.FLOAT32, 1);
             DjlRnnAttentionModel b = TinyRnnModels.create(Encoder.AVERAGE, Attention.DOT, Precision.FLOAT32, 2)) {
            a.save(dir);
            b.save(dir);
            TokenizedText input = b.tokenize(TinyRnnModels.SENTENCES.get(0), false);
            try (DjlRnnAttentionModel loaded = DjlRnnAttentionModel.load(dir)) {
                assertArrayEquals(b.forward(input, ForwardOptions.OUTPUT_ONLY).probabilities(),
                        loaded.forward(input, ForwardOptions.OUTPUT_ONLY).probabilities(), 0.0);
            }
            Path other = Files.createDirectories(tmp.resolve("other"));
            Files.writeString(other.resolve("notes.txt"), "not a model");
            assertThrows(IllegalArgumentException.class, () -> a.save(other));
            assertTrue(Files.exists(other.resolve("notes.txt")));
        }
    }

    @Test
    void brokenDirectoriesFailNamingTheFile() throws IOException {
        Path good = tmp.resolve("good");
        try (DjlRnnAttentionModel m = TinyRnnModels.create(Encoder.BILSTM, Attention.ADDITIVE, Precision.FLOAT32, 3)) {
            m.save(good);
        }
        assertFailure(copy(good, "no-vocab", d -> Files.delete(d.resolve("vocab.json"))), "vocab.json");
        assertFailure(copy(good, "bad-weights", d -> Files.writeString(d.resolve("model.safetensors"), "garbage")),
                "model.safetensors");
        assertFailure(copy(good, "bad-json", d -> Files.writeString(d.resolve("config.json"), "{oops")), "config.json");
        assertFailure(copy(good, "bad-type", d -> replace(d.resolve("config.json"), "attnlab-rnn-attention", "bert")),
                "config.json");
        assertFailure(copy(good, "extra-word", d -> replace(d.resolve("vocab.json"), "\"</s>\",", "\"</s>\",\"zzz\",")),
                "vocab.json");
        assertFailure(copy(good, "wrong-size", d -> replace(d.resolve("config.json"), "\"hidden_size\" : 4", "\"hidden_size\" : 5")),
                "model.safetensors");
        assertFailure(copy(good, "wrong-encoder", d -> replace(d.resolve("config.json"), "\"bilstm\"", "\"bigru\"")),
                "model.safetensors");
    }

    @Test
    void aLoadedModelCanContinueTrainingWithOptions() {
        Path dir = tmp.resolve("resume");
        try (DjlRnnAttentionModel m = TinyRnnModels.create(Encoder.NONE, Attention.ADDITIVE, Precision.FLOAT32, 4)) {
            m.save(dir);
        }
        try (DjlRnnAttentionModel m = DjlRnnAttentionModel.load(dir, Precision.FLOAT32, new TrainingOptions(1e-2, 0, 1, "all"))) {
            List<TokenizedText> inputs = List.of(m.tokenize("good film", false), m.tokenize("bad film", false));
            double first = m.trainStep(inputs, new int[] {1, 0});
            double later = first;
            for (int i = 0; i < 20; i++) {
                later = m.trainStep(inputs, new int[] {1, 0});
            }
            assertTrue(later < first, "loss falls: " + first + " -> " + later);
        }
    }

    private interface Change {
        void apply(Path dir) throws IOException;
    }

    private Path copy(Path from, String name, Change change) throws IOException {
        Path to = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        change.apply(to);
        return to;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertTrue(s.contains(from), file + " contains " + from);
        Files.writeString(file, s.replace(from, to));
    }

    private static void assertFailure(Path dir, String file) {
        ModelException e = assertThrows(ModelException.class, () -> DjlRnnAttentionModel.load(dir).close());
        assertTrue(e.getMessage().contains(file), e.getMessage() + " names " + file);
    }
}
