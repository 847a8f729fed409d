package org.attnlab.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.TrainingOptions;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.HfModelDirectory;
import org.attnlab.testing.Differences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning on a toy task a BERT must be able to learn: the label is which of two words occurs. */
class TrainableBertModelTest {

    private static final String[] GOOD = {"a good film", "good acting and a good plot", "really good", "the ending was good",
        "good music", "such a good cast", "good fun for everyone", "good"};
    private static final String[] BAD = {"a bad film", "bad acting and a bad plot", "really bad", "the ending was bad",
        "bad music", "such a bad cast", "bad fun for everyone", "bad"};

    @TempDir Path tmp;

    @Test
    void learnsTheToyTaskSavesAndReloadsIdenticallyAndIsDeterministic() throws Exception {
        Path base = RandomBertDirectory.write(tmp.resolve("base"),
                RandomBertDirectory.smallConfig(List.of("bad", "good"), BertConfig.Pooling.CLS_POOLER), 5);
        String first = trainAndHash(base, tmp.resolve("run1"));
        String second = trainAndHash(base, tmp.resolve("run2"));
        assertEquals(first, second, "same data, same order, same start: identical weights");
    }

    private String trainAndHash(Path base, Path out) throws Exception {
        TrainingOptions options = new TrainingOptions(3e-3, 0.0, 1, "all");
        try (TrainableBertModel model = TrainableBertModel.load(base, options)) {
            List<TokenizedText> inputs = new ArrayList<>();
            int[] labels = new int[GOOD.length + BAD.length];
            for (int i = 0; i < GOOD.length; i++) {
                inputs.add(model.tokenize(GOOD[i], false));
                labels[i] = 1;
                inputs.add(model.tokenize(BAD[i], false));
            }
            int[] ordered = new int[inputs.size()];
            for (int i = 0; i < inputs.size(); i++) {
                ordered[i] = i % 2 == 0 ? 1 : 0;
            }
            double firstLoss = model.trainStep(inputs, ordered);
            double loss = firstLoss;
            for (int step = 0; step < 60; step++) {
                loss = model.trainStep(inputs, ordered);
            }
            assertTrue(loss < 0.1 * firstLoss, "loss " + firstLoss + " -> " + loss);
            List<ForwardResult> after = model.forward(inputs, ForwardOptions.OUTPUT_ONLY);
            for (int i = 0; i < inputs.size(); i++) {
                assertEquals(ordered[i], after.get(i).predicted(), inputs.get(i).text());
            }
            model.save(out);
            try (DjlBertModel reloaded = DjlBertModel.load(out)) {
                assertEquals(List.of("bad", "good"), reloaded.info().labels());
                for (int i = 0; i < inputs.size(); i++) {
                    assertArrayEquals(after.get(i).probabilities(),
                            reloaded.forward(inputs.get(i), ForwardOptions.OUTPUT_ONLY).probabilities(), 1e-6);
                }
            }
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(new HfModelDirectory(out).weights())));
    }

    @Test
    void headOnlyTrainingLeavesTheEncoderUntouched() throws Exception {
        Path base = RandomBertDirectory.write(tmp.resolve("base2"),
                RandomBertDirectory.smallConfig(List.of("bad", "good"), BertConfig.Pooling.MEAN), 6);
        try (TrainableBertModel model = TrainableBertModel.load(base, new TrainingOptions(1e-2, 0.0, 1, "head"));
             DjlBertModel frozen = DjlBertModel.load(base)) {
            assertEquals(List.of("classifier.weight", "classifier.bias"), model.trainableParameters());
            TokenizedText x = model.tokenize(GOOD[1], false);
            for (int step = 0; step < 5; step++) {
                model.trainStep(List.of(x), new int[] {1});
            }
            float[][] before = frozen.forward(x, ForwardOptions.EVERYTHING).lastHiddenState();
            float[][] afterTraining = model.forward(x, ForwardOptions.EVERYTHING).lastHiddenState();
            assertEquals(0.0, Differences.maxAbsDiff(before, afterTraining), 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> TrainableBertModel.load(base, new TrainingOptions(1e-2, 0.0, 1, "top-3")));
    }
}
