package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attnlab.data.Dataset;
import org.attnlab.data.Split;
import org.attnlab.model.ModelException;
import org.attnlab.model.baseline.RealSentences;
import org.attnlab.model.baseline.ScoreTable;
import org.attnlab.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.attnlab.model.training.ModelEvaluation;

/**
 * {@code attnlab eval}'s table building, on MiniLM with a random head (labels neg, pos) and the committed
 * real UCI sentences; and its bad-input errors.
 */
class EvalCommandTest {

    @TempDir Path tmp;

    @Test
    void tableHasOneRowPerModelAndTheBaseline() {
        Dataset d = RealSentences.dataset("sentences", "neg", "pos");
        StringWriter log = new StringWriter();

        ScoreTable t = ModelEvaluation.table(List.of(TestModels.minilmClassifier()), d, Split.TEST, true,
                new PrintWriter(log, true));

        assertEquals("sentences", t.dataset());
        assertEquals("test", t.split());
        assertEquals(d.test().size(), t.n());
        assertEquals(2, t.rows().size());
        ScoreTable.Row model = t.rows().get(0);
        assertEquals("minilm-random-head", model.model());
        assertEquals(ModelEvaluation.DEFAULT_MAX_LENGTH, model.maxLength()); // no training.json: 512 (MiniLM's max)
        assertEquals(ScoreTable.LengthUnit.TOKENS, model.unit());
        // UCI sentences are 5-40 WordPiece tokens; [CLS] and [SEP] included.
        assertTrue(model.meanLength() > 5 && model.meanLength() < 40, "mean length " + model.meanLength());
        assertEquals(d.test().size(), model.scores().n());
        assertTrue(model.scores().accuracy() >= 0 && model.scores().accuracy() <= 1);
        assertTrue(model.scores().aucRoc() >= 0 && model.scores().aucRoc() <= 1);
        ScoreTable.Row bow = t.rows().get(1);
        assertEquals("bow-logreg", bow.model());
        assertEquals(ScoreTable.LengthUnit.WORDS, bow.unit());
        assertEquals(d.test().size(), bow.scores().n());
        assertTrue(log.toString().contains("evaluating"), log.toString());
    }

    @Test
    void maxLengthComesFromTrainingJson() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        assertEquals(512, ModelEvaluation.maxLength(dir, 512));
        assertEquals(128, ModelEvaluation.maxLength(dir, 128)); // never beyond what the model accepts

        Files.writeString(dir.resolve("training.json"), "{\"spec\":{\"training\":{\"maxLength\":64}}}");
        assertEquals(64, ModelEvaluation.maxLength(dir, 512));
        Files.writeString(dir.resolve("training.json"), "{\"spec\":{\"training\":{\"max_length\":96}}}");
        assertEquals(96, ModelEvaluation.maxLength(dir, 512));
        Files.writeString(dir.resolve("training.json"), "{\"spec\":{\"training\":{\"epochs\":3}}}");
        assertEquals(512, ModelEvaluation.maxLength(dir, 512));

        Files.writeString(dir.resolve("training.json"), "{\"spec\":{\"training\":{\"maxLength\":\"long\"}}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelEvaluation.maxLength(dir, 512));
        assertTrue(e.getMessage().contains("training.json") && e.getMessage().contains("maxLength"), e.getMessage());
        Files.writeString(dir.resolve("training.json"), "{not json");
        assertThrows(java.io.UncheckedIOException.class, () -> ModelEvaluation.maxLength(dir, 512));
    }

    @Test
    void mismatchedLabelsNameBothLists() {
        Dataset d = RealSentences.dataset("sentences", "negative", "positive");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelEvaluation.evaluateModel(TestModels.minilmClassifier(), d, Split.TEST));
        assertTrue(e.getMessage().contains("[neg, pos]") && e.getMessage().contains("[negative, positive]")
                && e.getMessage().contains("sentences"), e.getMessage());

        IllegalArgumentException reordered = assertThrows(IllegalArgumentException.class,
                () -> ModelEvaluation.requireSameLabels("m", List.of("pos", "neg"), RealSentences.dataset("s", "neg", "pos")));
        assertTrue(reordered.getMessage().contains("same order"), reordered.getMessage());

        IllegalArgumentException encoder = assertThrows(IllegalArgumentException.class,
                () -> ModelEvaluation.requireSameLabels("minilm", List.of(), d));
        assertTrue(encoder.getMessage().contains("no classification head"), encoder.getMessage());
    }

    @Test
    void modelArgumentsResolveToDirectories() throws IOException {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path named = Files.createDirectories(models.resolve("my-model"));
        assertEquals(named, EvalCommand.resolveModel("my-model", models));
        assertEquals(named, EvalCommand.resolveModel(named.toString(), models));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EvalCommand.resolveModel("no-such-model", models));
        assertTrue(e.getMessage().contains("unknown model 'no-such-model'")
                && e.getMessage().contains(models.resolve("no-such-model").toString()), e.getMessage());
    }

    @Test
    void aDirectoryWithoutAModelIsAClearError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ModelException e = assertThrows(ModelException.class,
                () -> ModelEvaluation.evaluateModel(empty, RealSentences.dataset("s", "neg", "pos"), Split.TEST));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }
}
