package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.attnlab.io.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skip-gram start is cached by corpus: trained once, read back exactly, keyed so another corpus misses. */
class WordVectorStartTest {

    private static final int DIMENSION = 8;

    @TempDir
    Path cache;

    private List<String> texts;
    private Vocabulary vocabulary;

    @BeforeEach
    void buildVocabulary() throws IOException {
        texts = reviews();
        vocabulary = Vocabulary.build(texts, 2, 5000, Vocabulary.Words.KERAS, true);
    }

    /** Trains (or reads) the vectors of {@link #texts} and returns the one cache file. */
    private Path trainOnce() throws IOException {
        WordVectorStart.skipGram(texts, vocabulary, DIMENSION, cache);
        return files(cache).get(0);
    }

    private static List<String> reviews() throws IOException {
        try (InputStream in = WordVectorStartTest.class.getClassLoader().getResourceAsStream("data/imdb-reviews-slice.json")) {
            List<String> texts = new ArrayList<>();
            for (JsonNode review : Json.MAPPER.readTree(in)) {
                texts.add(review.get("t").asText());
            }
            return texts;
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void trainsOnceThenReadsTheSameVectorsBack() throws IOException {
        float[][] trained = WordVectorStart.skipGram(texts, vocabulary, DIMENSION, cache);
        List<Path> written = files(cache);
        assertEquals(1, written.size());
        assertTrue(written.get(0).getFileName().toString().matches("skipgram-[0-9a-f]{64}\\.f32"), written.toString());
        assertEquals(4L * vocabulary.size() * DIMENSION, Files.size(written.get(0)));

        float[][] again = WordVectorStart.skipGram(texts, vocabulary, DIMENSION, cache);
        for (int id = 0; id < Vocabulary.SPECIALS.size(); id++) {
            assertNull(again[id], "special token " + id + " has no vector");
        }
        for (int id = Vocabulary.SPECIALS.size(); id < vocabulary.size(); id++) {
            assertArrayEquals(trained[id], again[id], "row " + id);
        }
        assertEquals(written, files(cache), "nothing retrained or rewritten");
    }

    @Test
    void readsTheCacheInsteadOfTraining() throws IOException {
        Path file = trainOnce();
        // Replace the cached vectors by a pattern no training gives: the next call must return the pattern.
        try (OutputStream out = Files.newOutputStream(file); DataOutputStream data = new DataOutputStream(out)) {
            for (int i = 0; i < vocabulary.size() * DIMENSION; i++) {
                data.writeFloat(i);
            }
        }
        float[][] read = WordVectorStart.skipGram(texts, vocabulary, DIMENSION, cache);
        int id = Vocabulary.SPECIALS.size() + 3;
        assertEquals(id * DIMENSION + 5, read[id][5]);
    }

    @Test
    void anotherCorpusIsAnotherFile() throws IOException {
        trainOnce();
        WordVectorStart.skipGram(texts.subList(1, texts.size()), vocabulary, DIMENSION, cache);
        assertEquals(2, files(cache).size());
        assertNotEquals(files(cache).get(0), files(cache).get(1));
    }

    @Test
    void aCacheFileOfTheWrongSizeIsOneClearError() throws IOException {
        Path file = trainOnce();
        Files.write(file, new byte[12]);
        IOException e = assertThrows(IOException.class, () -> WordVectorStart.skipGram(texts, vocabulary, DIMENSION, cache));
        assertTrue(e.getMessage().startsWith(file + ": cached skip-gram vectors have 12 bytes"), e.getMessage());
    }
}
