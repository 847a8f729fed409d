package org.attnlab.model.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attnlab.data.Dataset;
import org.attnlab.data.Example;
import org.attnlab.data.Split;
import org.attnlab.data.TokenizedText;
import org.attnlab.io.Json;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.baseline.BowLogisticBaseline;
import org.attnlab.model.baseline.BowSettings;
import org.attnlab.model.baseline.ScoreTable;
import org.attnlab.model.djl.Models;

/**
 * Scores trained model directories (and the bag-of-words baseline) on one split of a dataset with Tribuo's
 * evaluators: the Jain &amp; Wallace-style "dataset and model" table of {@code attnlab eval}.
 */
public final class ModelEvaluation {

    /** Cut when a model directory has no training.json saying how it was trained. */
    public static final int DEFAULT_MAX_LENGTH = 512;

    private ModelEvaluation() {
    }

    /** The table for {@code dirs} (and the baseline) on one split; progress lines go to {@code log}. */
    public static ScoreTable table(List<Path> dirs, Dataset data, Split split, boolean baseline, PrintWriter log) {
        List<ScoreTable.Row> rows = new ArrayList<>();
        for (Path dir : dirs) {
            log.printf(Locale.ROOT, "evaluating %s on %s %s (%d examples) ...%n", dir, data.name(), split.key(),
                    data.split(split).size());
            log.flush();
            rows.add(evaluateModel(dir, data, split));
        }
        if (baseline) {
            log.printf(Locale.ROOT, "training the bag-of-words baseline on %s train (%d examples) ...%n", data.name(),
                    data.train().size());
            log.flush();
            rows.add(baselineRow(data, split));
        }
        return new ScoreTable(data.name(), split.key(), data.split(split).size(), rows);
    }

    /** Loads the model in {@code dir}, tokenises the split as it was trained, and scores it. */
    public static ScoreTable.Row evaluateModel(Path dir, Dataset data, Split split) {
        try (ClassifierModel model = Models.load(dir)) {
            String name = dir.toAbsolutePath().normalize().getFileName().toString();
            requireSameLabels(name, model.info().labels(), data);
            int maxLength = maxLength(dir, model.info().maxPositions());
            List<Example> examples = data.split(split);
            List<TokenizedText> inputs = ModelTrainer.tokenize(model, examples, maxLength);
            int[] gold = new int[examples.size()];
            long tokens = 0;
            for (int i = 0; i < gold.length; i++) {
                gold[i] = data.labelId(examples.get(i).label());
                tokens += inputs.get(i).length();
            }
            ClassificationScores scores = ModelTrainer.evaluate(model, data.labels(), inputs, gold);
            return new ScoreTable.Row(name, dir.toString(), maxLength, tokens / (double) examples.size(),
                    ScoreTable.LengthUnit.TOKENS, scores);
        }
    }

    /** The bag-of-words baseline with its default recipe, trained on train and scored on {@code split}. */
    public static ScoreTable.Row baselineRow(Dataset data, Split split) {
        BowLogisticBaseline bow = new BowLogisticBaseline(BowSettings.DEFAULT);
        ClassificationScores scores = bow.trainAndScore(data, split);
        return new ScoreTable.Row("bow-logreg", "Tribuo logistic regression on unigrams+bigrams (attnlab baseline)", 0,
                BowLogisticBaseline.meanWords(data.split(split)), ScoreTable.LengthUnit.WORDS, scores);
    }

    /**
     * The model's output units must be the dataset's labels in the same order: output {@code i} is scored as
     * label id {@code i}, so a reordering would silently swap classes.
     *
     * @throws IllegalArgumentException an encoder without a head, or different labels, naming both lists
     */
    public static void requireSameLabels(String model, List<String> modelLabels, Dataset data) {
        if (modelLabels.isEmpty()) {
            throw new IllegalArgumentException("model " + model + " has no classification head (an encoder only); "
                    + "train a classifier with attnlab train");
        }
        if (!modelLabels.equals(data.labels())) {
            throw new IllegalArgumentException("model " + model + " has labels " + modelLabels + " but dataset "
                    + data.name() + " has labels " + data.labels()
                    + " (the same labels in the same order are required)");
        }
    }

    /**
     * Tokens per input the model was trained with: {@code spec.training.maxLength} (or {@code max_length})
     * in the directory's {@code training.json}; without one, {@value #DEFAULT_MAX_LENGTH}. Never more than
     * the model accepts.
     */
    public static int maxLength(Path dir, int maxPositions) {
        Path file = dir.resolve("training.json");
        int trained = DEFAULT_MAX_LENGTH;
        if (Files.isRegularFile(file)) {
            JsonNode training;
            try {
                training = Json.PLAIN.readTree(file.toFile()).path("spec").path("training");
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": not readable as JSON (" + e.getMessage() + ")", e);
            }
            JsonNode value = training.has("maxLength") ? training.get("maxLength") : training.path("max_length");
            if (!value.isMissingNode() && !value.isNull()) {
                if (!value.canConvertToInt() || value.asInt() < 2) {
                    throw new IllegalArgumentException(file + ": spec.training.maxLength must be an integer >= 2, got "
                            + value);
                }
                trained = value.asInt();
            }
        }
        return Math.min(trained, maxPositions);
    }
}
