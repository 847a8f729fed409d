package org.attnlab.model.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import org.attnlab.data.Dataset;
import org.attnlab.data.Example;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.TrainableModel;

/**
 * The training loop shared by every {@link TrainableModel}: seeded example order in batches of similar length
 * (the plan's {@link Batching}), a progress bar with running loss and ETA, dev evaluation after each epoch, the best-dev
 * checkpoint among the eligible epochs saved (by the plan's {@link TrainingPlan.Selection}), and test scores and probabilities of that checkpoint as reloaded from disk, with how
 * far the reloaded model's dev probabilities are from the trained model's.
 */
public final class ModelTrainer {

    private final boolean progress;

    /** @param progress draw a progress bar on stderr */
    public ModelTrainer(boolean progress) {
        this.progress = progress;
    }

    /**
     * Trains {@code model} on {@code data}, saving the best-dev checkpoint to {@code outDir}; {@code reload}
     * loads a saved directory for the test evaluation.
     */
    public TrainingOutcome train(TrainableModel model, Dataset data, TrainingPlan plan, Path outDir,
                                 Function<Path, ClassifierModel> reload) {
        long start = System.nanoTime();
        List<Example> trainExamples = plan.maxTrainExamples() > 0 && plan.maxTrainExamples() < data.train().size()
                ? data.train().subList(0, plan.maxTrainExamples()) : data.train();
        List<TokenizedText> train = tokenize(model, trainExamples, plan.maxLength());
        int[] trainLabels = labels(data, trainExamples);
        List<Example> devExamples = plan.maxDevExamples() > 0 && plan.maxDevExamples() < data.dev().size()
                ? data.dev().subList(0, plan.maxDevExamples()) : data.dev();
        List<TokenizedText> dev = tokenize(model, devExamples, plan.maxLength());
        int[] devLabels = labels(data, devExamples);
        List<EpochRecord> epochs = new ArrayList<>();
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        double[][] bestDevProbabilities = new double[0][];
        boolean outOfTime = false;
        long seen = 0;
        for (int epoch = 1; epoch <= plan.epochs() && !outOfTime; epoch++) {
            long epochStart = System.nanoTime();
            List<int[]> batches = plan.batching().batches(train, plan.batchSize(), new Random(plan.seed() * 1_000_003L + epoch));
            double lossSum = 0;
            int steps = 0;
            try (ProgressBar bar = bar("epoch " + epoch + "/" + plan.epochs(), batches.size())) {
                for (int[] batch : batches) {
                    List<TokenizedText> inputs = new ArrayList<>(batch.length);
                    int[] gold = new int[batch.length];
                    for (int i = 0; i < batch.length; i++) {
                        inputs.add(train.get(batch[i]));
                        gold[i] = trainLabels[batch[i]];
                    }
                    lossSum += model.trainStep(inputs, gold);
                    seen += batch.length;
                    steps++;
                    if (bar != null) {
                        bar.step();
                        bar.setExtraMessage(String.format(java.util.Locale.ROOT, " loss %.4f", lossSum / steps));
                    }
                    if (plan.budgetSeconds() > 0 && (System.nanoTime() - start) / 1e9 > plan.budgetSeconds()) {
                        outOfTime = true;
                        break;
                    }
                }
            }
            double[][] devProbabilities = probabilities(model, dev);
            ClassificationScores devScores = TribuoScorer.score(data.labels(), devLabels, devProbabilities);
            EpochRecord record = new EpochRecord(epoch, steps, lossSum / Math.max(1, steps), devScores,
                    (System.nanoTime() - epochStart) / 1e9);
            epochs.add(record);
            if (progress) {
                // As each epoch ends, not after training: a long run shows where it stands.
                System.err.printf(java.util.Locale.ROOT, "epoch %d: loss %.4f  dev accuracy %.4f  macro-F1 %.4f  AUC %.4f  (%.0f s)%n",
                        epoch, record.meanLoss(), devScores.accuracy(), devScores.macroF1(), devScores.aucRoc(), record.seconds());
            }
            double score = plan.selection().score(devScores, record.meanLoss());
            boolean last = outOfTime || epoch == plan.epochs();
            boolean eligible = epoch >= plan.firstEligibleEpoch() || (last && bestEpoch == 0);
            if (eligible && (score > bestScore || bestEpoch == 0)) {
                bestScore = score;
                bestEpoch = epoch;
                bestDevProbabilities = devProbabilities;
                model.save(outDir);
            }
        }
        ClassificationScores test;
        double[][] testProbabilities;
        double reloadDifference;
        try (ClassifierModel best = reload.apply(outDir)) {
            // The saved directory must reproduce the model that was trained: same dev probabilities.
            reloadDifference = maxAbsDifference(bestDevProbabilities,
                    probabilities(best, tokenize(best, devExamples, plan.maxLength())));
            testProbabilities = probabilities(best, tokenize(best, data.test(), plan.maxLength()));
            test = TribuoScorer.score(data.labels(), labels(data, data.test()), testProbabilities);
        }
        return new TrainingOutcome(epochs, bestEpoch, test, testProbabilities, reloadDifference, train.size(), seen,
                (System.nanoTime() - start) / 1e9, outOfTime);
    }

    /** Scores a model on tokenised inputs, evaluated in length-sorted batches. */
    public static ClassificationScores evaluate(ClassifierModel model, List<String> labels, List<TokenizedText> inputs,
                                                int[] gold) {
        return TribuoScorer.score(labels, gold, probabilities(model, inputs));
    }

    /** Class probabilities per input, computed in length-sorted batches; in input order. */
    public static double[][] probabilities(ClassifierModel model, List<TokenizedText> inputs) {
        Integer[] order = new Integer[inputs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> inputs.get(i).length()));
        double[][] probabilities = new double[inputs.size()][];
        int chunk = 64;
        for (int from = 0; from < order.length; from += chunk) {
            List<TokenizedText> part = new ArrayList<>();
            for (int k = from; k < Math.min(order.length, from + chunk); k++) {
                part.add(inputs.get(order[k]));
            }
            List<ForwardResult> results = model.forward(part, ForwardOptions.OUTPUT_ONLY);
            for (int k = 0; k < results.size(); k++) {
                probabilities[order[from + k]] = results.get(k).probabilities();
            }
        }
        return probabilities;
    }

    /** The largest absolute difference between two equally shaped probability tables. */
    static double maxAbsDifference(double[][] a, double[][] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("tables of " + a.length + " and " + b.length + " rows");
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                max = Math.max(max, Math.abs(a[i][c] - b[i][c]));
            }
        }
        return max;
    }

    /** Tokenises with the model's tokenizer and cuts to {@code maxLength} (first tokens and the final one). */
    public static List<TokenizedText> tokenize(ClassifierModel model, List<Example> examples, int maxLength) {
        List<TokenizedText> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            out.add(model.tokenize(e.text(), true).truncated(maxLength));
        }
        return out;
    }

    private static int[] labels(Dataset data, List<Example> examples) {
        int[] out = new int[examples.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.labelId(examples.get(i).label());
        }
        return out;
    }

    private ProgressBar bar(String task, int steps) {
        if (!progress) {
            return null;
        }
        return org.attnlab.io.Progress.bar(task, steps);
    }
}
