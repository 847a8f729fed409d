package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.TrainingOptions;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Attention;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Encoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training on a separable toy problem (does the sentence say "good" or "bad"?) with Jain &amp; Wallace's
 * optimiser settings, and reproducibility: the same seed gives bit-identical weights.
 */
class RnnTrainingTest {

    private static final int STEPS = 300;
    private static final int BATCH = 12;

    @TempDir Path tmp;

    static List<Object[]> variants() {
        return TinyRnnModels.variants();
    }

    /** 60 sentences: 10 nouns x 3 frames x {bad, good}; label 1 for good. */
    static List<String> sentences() {
        List<String> out = new ArrayList<>();
        for (String noun : List.of("film", "movie", "plot", "acting", "ending", "cast", "soundtrack", "script", "story",
                "director")) {
            for (String adjective : List.of("bad", "good")) {
                out.add("The " + noun + " was " + adjective + ".");
                out.add("I thought the " + noun + " was really " + adjective + " this time");
                out.add("Honestly, a " + adjective + " " + noun + " overall!");
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("variants")
    void learnsTheToyProblem(Encoder encoder, Attention attention) {
        List<String> texts = sentences();
        RnnAttentionConfig config = new RnnAttentionConfig(encoder, attention, 16, 8, 8, List.of(1, 3), 40, 1, 1000, 0,
                List.of("neg", "pos"));
        try (DjlRnnAttentionModel model = DjlRnnAttentionModel.create(config, Vocabulary.build(texts, 1, 1000),
                new TrainingOptions(1e-3, 1e-5, 17, "all"))) {
            long start = System.nanoTime();
            train(model, texts, 17, STEPS);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<TokenizedText> inputs = texts.stream().map(t -> model.tokenize(t, false)).toList();
            List<ForwardResult> out = model.forward(inputs, ForwardOptions.WITH_ATTENTIONS);
            int correct = 0;
            double goodAttention = 0;
            for (int i = 0; i < texts.size(); i++) {
                correct += out.get(i).predicted() == label(texts.get(i)) ? 1 : 0;
                int at = inputs.get(i).tokens().indexOf(label(texts.get(i)) == 1 ? "good" : "bad");
                goodAttention += out.get(i).attentions()[0][0][0][at] / texts.size();
            }
            double accuracy = correct / (double) texts.size();
            System.out.printf("%s/%s toy training: %d steps in %.1f s, train accuracy %.3f, mean attention on the"
                    + " sentiment word %.2f%n", encoder.key, attention.key, STEPS, seconds, accuracy, goodAttention);
            assertTrue(accuracy >= 0.95, "train accuracy " + accuracy);
        }
    }

    @Test
    void theStepReportsTheMeanCrossEntropyOfTheBatchBeforeItMoves() {
        List<String> texts = sentences().subList(0, 6);
        RnnAttentionConfig config = new RnnAttentionConfig(Encoder.BIGRU, Attention.ADDITIVE, 16, 8, 8, List.of(), 40,
                1, 1000, 0, List.of("neg", "pos"));
        try (DjlRnnAttentionModel model = DjlRnnAttentionModel.create(config, Vocabulary.build(texts, 1, 1000),
                new TrainingOptions(1e-3, 1e-5, 5, "all"), Precision.FLOAT64)) {
            List<TokenizedText> inputs = texts.stream().map(t -> model.tokenize(t, false)).toList();
            int[] labels = texts.stream().mapToInt(RnnTrainingTest::label).toArray();
            List<ForwardResult> before = model.forward(inputs, ForwardOptions.OUTPUT_ONLY);
            double expected = 0;
            for (int i = 0; i < labels.length; i++) {
                expected -= Math.log(before.get(i).probabilities()[labels[i]]) / labels.length;
            }
            assertEquals(expected, model.trainStep(inputs, labels), 1e-12);
            List<ForwardResult> after = model.forward(inputs, ForwardOptions.OUTPUT_ONLY);
            assertNotEquals(before.get(0).probabilities()[0], after.get(0).probabilities()[0], "the step moved the weights");
        }
    }

    @Test
    void theSameSeedGivesBitIdenticalWeights() throws Exception {
        String first = trainAndHash(23, "a");
        String second = trainAndHash(23, "b");
        String other = trainAndHash(24, "c");
        System.out.println("toy BiLSTM weights sha256, seed 23 twice: " + first + " / " + second + "; seed 24: " + other);
        assertEquals(first, second);
        assertNotEquals(first, other);
    }

    private String trainAndHash(long seed, String name) throws IOException, NoSuchAlgorithmException {
        List<String> texts = sentences();
        RnnAttentionConfig config = new RnnAttentionConfig(Encoder.BILSTM, Attention.ADDITIVE, 16, 8, 8, List.of(), 40,
                1, 1000, 0.2, List.of("neg", "pos"));
        try (DjlRnnAttentionModel model = DjlRnnAttentionModel.create(config, Vocabulary.build(texts, 1, 1000),
                new TrainingOptions(1e-3, 1e-5, seed, "all"), Precision.FLOAT32)) {
            train(model, texts.subList(0, 40), seed, 40);
            model.save(tmp.resolve(name));
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tmp.resolve(name).resolve("model.safetensors")));
        return HexFormat.of().formatHex(digest);
    }

    /** {@code steps} steps of batch {@link #BATCH}, the data reshuffled (seeded) every epoch. */
    private static void train(DjlRnnAttentionModel model, List<String> texts, long seed, int steps) {
        List<TokenizedText> all = texts.stream().map(t -> model.tokenize(t, false)).toList();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        Random random = new Random(seed);
        int position = all.size();
        for (int step = 0; step < steps; step++) {
            if (position + BATCH > all.size()) {
                Collections.shuffle(order, random);
                position = 0;
            }
            List<TokenizedText> batch = new ArrayList<>();
            int[] labels = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                int index = order.get(position++);
                batch.add(all.get(index));
                labels[i] = label(texts.get(index));
            }
            model.trainStep(batch, labels);
        }
    }

    private static int label(String text) {
        return text.contains("good") ? 1 : 0;
    }
}
