package org.attnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import org.attnlab.config.Defaults;
import org.attnlab.config.TrainingSpec;
import org.attnlab.config.YamlFiles;
import org.attnlab.data.Dataset;
import org.attnlab.data.DatasetCatalog;
import org.attnlab.data.DatasetFetcher;
import org.attnlab.model.TrainableModel;
import org.attnlab.model.djl.Models;
import org.attnlab.model.training.EpochRecord;
import org.attnlab.model.training.ModelTrainer;
import org.attnlab.model.training.TrainingOutcome;
import org.attnlab.model.training.TrainingPlan;

/** Training from a spec file, shared by {@code train} and by suites that name model specs. */
final class Training {

    private Training() {
    }

    /** Trains unless {@code out} (default models/&lt;name&gt;) already holds this spec's model; returns the directory. */
    static Path ensureTrained(Path specFile, boolean force, Path out, PrintWriter console) throws IOException {
        TrainingSpec s = YamlFiles.read(specFile, TrainingSpec.class);
        Path dir = out != null ? out : Defaults.modelsDir().resolve(s.name());
        Dataset data = DatasetCatalog.get(s.dataset()).load(new DatasetFetcher(DatasetFetcher.defaultCacheDir()));
        TrainingRecord record = new TrainingRecord(s, data);
        if (!force && record.matches(dir)) {
            console.println("reusing " + dir + " (trained from an identical spec; --force retrains)");
            return dir;
        }
        TrainingSpec.TrainingSection t = s.training();
        TrainingPlan plan = new TrainingPlan(t.epochs(), t.batchSize(), t.seed(), t.maxLength(), t.maxTrainExamples(),
                t.maxDevExamples(), t.timeBudgetMinutes() * 60);
        console.printf(Locale.ROOT, "training %s on %s (%d train / %d dev / %d test) ...%n", s.name(), data.name(),
                data.train().size(), data.dev().size(), data.test().size());
        console.flush();
        TrainingOutcome outcome;
        Path scratch = TrainableModels.scratch(s.name());
        try (TrainableModel model = TrainableModels.create(s, data, scratch)) {
            outcome = new ModelTrainer(true).train(model, data, plan, dir, Models::load);
        } finally {
            deleteTree(scratch);
        }
        record.write(dir, outcome);
        for (EpochRecord e : outcome.epochs()) {
            console.printf(Locale.ROOT, "epoch %d: loss %.4f  dev accuracy %.4f  macro-F1 %.4f  (%.0f s)%n", e.epoch(),
                    e.meanLoss(), e.dev().accuracy(), e.dev().macroF1(), e.seconds());
        }
        console.printf(Locale.ROOT, "best epoch %d; test accuracy %.4f  macro-F1 %.4f  AUC %.4f  (n=%d)%s%nwrote %s%n",
                outcome.bestEpoch(), outcome.test().accuracy(), outcome.test().macroF1(), outcome.test().aucRoc(),
                outcome.test().n(), outcome.stoppedByBudget() ? "; stopped by the time budget" : "", dir);
        console.flush();
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
