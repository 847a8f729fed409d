package org.attnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code attnlab train SPEC.yaml}: trains the model a spec describes into {@code models/<name>/}, with
 * {@code training.json} beside the weights. An identical spec whose model is already there is reused.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a classifier from a model spec (experiments/models/*.yaml) into models/<name>/.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SPEC", description = "Model spec YAML file.")
    Path specFile;

    @Option(names = "--force", description = "Retrain even if models/<name>/ holds this spec's trained model.")
    boolean force;

    @Option(names = "--out", description = "Model directory (default: models/<name>).")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TrainingSpec s = YamlFiles.read(specFile, TrainingSpec.class);
        PrintWriter console = spec.commandLine().getOut();
        Path dir = out != null ? out : Defaults.modelsDir().resolve(s.name());
        Dataset data = DatasetCatalog.get(s.dataset()).load(new DatasetFetcher(DatasetFetcher.defaultCacheDir()));
        TrainingRecord record = new TrainingRecord(s, data);
        if (!force && record.matches(dir)) {
            console.println("reusing " + dir + " (trained from an identical spec; --force retrains)");
            return 0;
        }
        TrainingSpec.TrainingSection t = s.training();
        TrainingPlan plan = new TrainingPlan(t.epochs(), t.batchSize(), t.seed(), t.maxLength(), t.maxTrainExamples(),
                t.timeBudgetMinutes() * 60);
        TrainingOutcome outcome;
        Path scratch = TrainableModels.scratch(s.name());
        try (TrainableModel model = TrainableModels.create(s, data, scratch)) {
            console.printf(Locale.ROOT, "training %s on %s (%d train / %d dev / %d test) ...%n", s.name(), data.name(),
                    data.train().size(), data.dev().size(), data.test().size());
            console.flush();
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
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
