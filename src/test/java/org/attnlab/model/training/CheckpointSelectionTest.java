package org.attnlab.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.Dataset;
import org.attnlab.data.Example;
import org.attnlab.data.Provenance;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.ModelInfo;
import org.attnlab.model.TrainableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which epoch's checkpoint {@link ModelTrainer} keeps, on a scripted model whose dev scores per epoch are
 * known by hand: epoch 1 has perfect dev accuracy and AUC; epoch 2 accuracy .75, AUC .5; epoch 3 accuracy
 * .5, AUC .75.
 */
class CheckpointSelectionTest {

    @TempDir
    Path tmp;

    /** Training loss of each epoch's step: lowest in epoch 2. */
    private static final double[] LOSS = {0.4, -0.2, 0.1};

    /** P(positive) of dev examples pos0, pos1, neg0, neg1 after each epoch. */
    private static final double[][] SCRIPT = {
        {0.9, 0.8, 0.1, 0.2},
        {0.6, 0.55, 0.45, 0.9},
        {0.8, 0.3, 0.7, 0.2}};

    @Test
    void devAucFromEpochTwoNeverKeepsEpochOne() {
        assertEquals(3, bestEpoch(TrainingPlan.Selection.DEV_AUC, 2));
        assertEquals(2, bestEpoch(TrainingPlan.Selection.DEV_ACCURACY, 2));
        assertEquals(1, bestEpoch(TrainingPlan.Selection.DEV_ACCURACY, 1), "the script's epoch 1 is the best");
        assertEquals(1, bestEpoch(TrainingPlan.Selection.DEV_AUC, 1));
    }

    @Test
    void trainLossKeepsTheEpochWithTheLowestLoss() {
        assertEquals(2, bestEpoch(TrainingPlan.Selection.TRAIN_LOSS, 1));
        assertEquals(3, bestEpoch(TrainingPlan.Selection.TRAIN_LOSS, 3));
    }

    @Test
    void theFirstEligibleEpochMustExist() {
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingPlan(3, 2, 1, 10, 0, 0, 0, TrainingPlan.Selection.DEV_AUC, 4, Batching.WINDOWED));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingPlan(3, 2, 1, 10, 0, 0, 0, TrainingPlan.Selection.DEV_AUC, 0, Batching.WINDOWED));
    }

    private int bestEpoch(TrainingPlan.Selection selection, int firstEligible) {
        Path out = tmp.resolve(selection.key + "-" + firstEligible);
        List<Example> dev = List.of(new Example("d0", "pos0", "pos"), new Example("d1", "pos1", "pos"),
                new Example("d2", "neg0", "neg"), new Example("d3", "neg1", "neg"));
        List<Example> train = List.of(new Example("t0", "pos0", "pos"), new Example("t1", "neg0", "neg"));
        Dataset data = new Dataset("scripted", List.of("neg", "pos"), train, dev, rename(dev, "x"),
                new Provenance("test", "-", "0", "-", "-", 10, 0, 0, List.of(), "-"));
        TrainingOutcome outcome = new ModelTrainer(false).train(new ScriptedModel(), data,
                new TrainingPlan(3, 2, 1, 10, 0, 0, 0, selection, firstEligible, Batching.WINDOWED), out, dir -> new ScriptedModel(savedEpoch(dir)));
        assertEquals(outcome.bestEpoch(), savedEpoch(out), "the saved checkpoint is the chosen epoch");
        return outcome.bestEpoch();
    }

    private static List<Example> rename(List<Example> examples, String prefix) {
        List<Example> out = new ArrayList<>();
        for (Example e : examples) {
            out.add(new Example(prefix + e.id(), e.text(), e.label()));
        }
        return out;
    }

    private static int savedEpoch(Path dir) {
        try {
            return Integer.parseInt(Files.readString(dir.resolve("epoch")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One training step per epoch (2 examples, batch 2); forward follows {@link #SCRIPT} for the current epoch. */
    private static final class ScriptedModel implements TrainableModel {
        private int epoch;

        ScriptedModel() {
            this(0);
        }

        ScriptedModel(int epoch) {
            this.epoch = epoch;
        }

        @Override
        public double trainStep(List<TokenizedText> inputs, int[] labels) {
            epoch++;
            return LOSS[epoch - 1];
        }

        @Override
        public void save(Path dir) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("epoch"), Integer.toString(epoch));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public ModelInfo info() {
            return new ModelInfo("scripted", "scripted", 1, 1, 10, List.of("neg", "pos"));
        }

        @Override
        public TokenizedText tokenize(String text, boolean truncate) {
            int index = (text.startsWith("pos") ? 0 : 2) + (text.charAt(3) - '0');
            return new TokenizedText(text, List.of("[s]", text, "[/s]"), new long[] {0, index, 0}, new boolean[] {true, false, true});
        }

        @Override
        public List<ForwardResult> forward(List<TokenizedText> inputs, ForwardOptions options) {
            List<ForwardResult> out = new ArrayList<>();
            for (TokenizedText t : inputs) {
                double p = SCRIPT[epoch - 1][(int) t.ids()[1]];
                out.add(new ForwardResult(new double[] {0, Math.log(p / (1 - p))}, new double[] {1 - p, p}, null, null));
            }
            return out;
        }

        @Override
        public List<ForwardResult> forwardEdited(TokenizedText input, List<List<AttentionEdit>> editSets, ForwardOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Gradients gradients(TokenizedText input, GradientRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
