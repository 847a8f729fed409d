package org.attnlab.model.training;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.attnlab.config.Defaults;
import org.attnlab.config.TrainingSpec;
import org.attnlab.config.YamlFiles;
import org.attnlab.data.BuiltinDataset;
import org.attnlab.data.Dataset;
import org.attnlab.data.DatasetCatalog;
import org.attnlab.data.DatasetFetcher;
import org.attnlab.data.FileFormat;
import org.attnlab.data.UserDatasetLoader;
import org.attnlab.data.UserDatasetSpec;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.TrainableModel;
import org.attnlab.io.Directories;
import org.attnlab.model.djl.Models;
import org.attnlab.model.djl.TrainableModels;

/** Training from a spec file, shared by {@code train} and by suites that name model specs. */
public final class SpecTraining {

    private SpecTraining() {
    }

    /** Trains unless {@code out} (default models/&lt;name&gt;) already holds this spec's model; returns the directory. */
    public static Path ensureTrained(Path specFile, boolean force, Path out, PrintWriter console) throws IOException {
        return ensureTrained(YamlFiles.read(specFile, TrainingSpec.class), specFile, force, out, console);
    }

    /**
     * {@link #ensureTrained(Path, boolean, Path, PrintWriter)} for a spec made in code (e.g. a variant of a spec
     * file, {@link WiegreffePinterModels}); {@code specFile} is the file a data file name or word-vector file is
     * relative to.
     */
    public static Path ensureTrained(TrainingSpec s, Path specFile, boolean force, Path out, PrintWriter console)
            throws IOException {
        Dataset data = dataset(s.dataset(), specFile);
        return ensureTrained(new TrainingRecord(s, data), data, force, out,
                scratch -> TrainableModels.create(s, data, scratch, specFile.toAbsolutePath().getParent()), Models::load,
                console);
    }

    /** Makes the fresh model to train; {@code scratch} outlives it (see {@link TrainableModels#create}). */
    interface ModelFactory {
        TrainableModel create(Path scratch) throws IOException;
    }

    /**
     * Trains the model {@code record} describes unless {@code out} (default models/&lt;name&gt;) already holds it:
     * {@code create} makes the model, {@code reload} opens the saved checkpoint for the test scores.
     */
    static Path ensureTrained(TrainingRecord record, Dataset data, boolean force, Path out, ModelFactory create,
                              Function<Path, ClassifierModel> reload, PrintWriter console) throws IOException {
        TrainingSpec s = record.spec();
        Path dir = out != null ? out : Defaults.modelsDir().resolve(s.name());
        if (!force && record.matches(dir)) {
            console.println("reusing " + dir + " (trained from an identical spec; --force retrains)");
            return dir;
        }
        TrainingPlan plan = plan(s.training());
        console.printf(Locale.ROOT, "training %s on %s (%d train / %d dev / %d test) ...%n", s.name(), data.name(),
                data.train().size(), data.dev().size(), data.test().size());
        console.flush();
        TrainingOutcome outcome;
        // Checkpoints and training.json go to a stage beside the model directory, which replaces it only
        // once training has finished: a killed or failed run leaves the previous model (or none), never
        // new weights under an old training.json that would be reused as if they matched it.
        Path stage = Directories.stageBeside(dir);
        Path scratch = TrainableModels.scratch(s.name());
        try {
            try (TrainableModel model = create.create(scratch)) {
                outcome = new ModelTrainer(true).train(model, data, plan, stage, reload);
            } finally {
                Directories.deleteTree(scratch);
            }
            record.write(stage, outcome);
            Directories.replace(stage, dir);
        } catch (IOException | RuntimeException e) {
            Directories.deleteQuietly(stage);
            throw e;
        }
        console.printf(Locale.ROOT, "best epoch %d; test accuracy %.4f  macro-F1 %.4f  AUC %.4f  (n=%d)%s%nwrote %s%n",
                outcome.bestEpoch(), outcome.test().accuracy(), outcome.test().macroF1(), outcome.test().aucRoc(),
                outcome.test().n(), outcome.stoppedByBudget() ? "; stopped by the time budget" : "", dir);
        console.println("test F1 by label: " + outcome.test().f1ByLabel().entrySet().stream()
                .map(f -> String.format(Locale.ROOT, "%s %.4f", f.getKey(), f.getValue()))
                .collect(java.util.stream.Collectors.joining(", ")));
        if (outcome.reloadMaxDifference() > 1e-4) {
            console.printf(Locale.ROOT, "warning: the saved model's dev probabilities differ from the trained model's by up to %.2g%n",
                    outcome.reloadMaxDifference());
        }
        console.flush();
        return dir;
    }

    /** The loop settings a spec's training section asks for, defaults filled in. */
    static TrainingPlan plan(TrainingSpec.TrainingSection t) {
        return new TrainingPlan(t.epochs(), t.batchSize(), t.seed(), t.maxLength(), t.maxTrainExamples(),
                t.maxDevExamples(), t.timeBudgetMinutes() * 60, TrainingPlan.Selection.of(t.selectionOrDefault()),
                t.firstEligibleEpochOrDefault(), Batching.of(t.batchingOrDefault()));
    }

    /**
     * The spec's {@code dataset}: a built-in dataset by name, or else a CSV/TSV/JSONL file (relative to the
     * spec's directory) with fields {@code text} and {@code label}, split seeded 80/10/10 as
     * {@code data stats --file} does.
     */
    public static Dataset dataset(String dataset, Path specFile) throws IOException {
        Optional<BuiltinDataset> builtin = DatasetCatalog.find(dataset);
        if (builtin.isPresent()) {
            return builtin.get().load(new DatasetFetcher(DatasetFetcher.defaultCacheDir()));
        }
        Path file = specFile.toAbsolutePath().getParent().resolve(dataset).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(specFile + ": dataset '" + dataset + "' is neither a built-in dataset ("
                    + String.join(", ", DatasetCatalog.names()) + ") nor a file (" + file + ")");
        }
        return UserDatasetLoader.load(UserDatasetSpec.of(file, FileFormat.fromFileName(file), "text", "label"));
    }
}
