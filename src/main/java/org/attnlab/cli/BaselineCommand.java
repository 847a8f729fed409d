package org.attnlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attnlab.data.Dataset;
import org.attnlab.data.DatasetCatalog;
import org.attnlab.data.DatasetFetcher;
import org.attnlab.data.Split;
import org.attnlab.model.baseline.BowLogisticBaseline;
import org.attnlab.model.baseline.BowSettings;
import org.attnlab.model.training.ClassificationScores;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.attnlab.io.Json;

/**
 * {@code attnlab baseline --data NAME}: trains the bag-of-words logistic regression (Tribuo) on a built-in
 * dataset's train split and prints its scores on the test (or dev) split, with per-label precision, recall
 * and F1 (for Reuters the F1 that matters is the topic label's, not the macro average).
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Train the bag-of-words logistic-regression baseline on a dataset and print its test scores.")
final class BaselineCommand implements Callable<Integer> {

    enum Format { text, json }

    @Option(names = "--data", required = true, paramLabel = "NAME", description = "A built-in dataset (attnlab data list).")
    String data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "test|dev",
            description = "Split to score (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the SGD example order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Split s = Split.parse(split);
        if (s == Split.TRAIN) {
            throw new IllegalArgumentException("--split must be test or dev, got " + split);
        }
        Dataset d = DatasetCatalog.get(data).load(new DatasetFetcher(DatasetFetcher.defaultCacheDir()));
        BowSettings settings = BowSettings.DEFAULT.withSeed(seed);
        long start = System.nanoTime();
        BowLogisticBaseline.Trained trained = new BowLogisticBaseline(settings).fit(d.labels(), d.train());
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        LabelEvaluation ev = trained.evaluation(d.split(s));
        ClassificationScores scores = trained.scores(ev);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? json(d, s, settings, scores, ev, trainSeconds) + "\n"
                : text(d, s, settings, scores, ev, trainSeconds));
        out.flush();
        return 0;
    }

    private static String text(Dataset d, Split s, BowSettings settings, ClassificationScores scores, LabelEvaluation ev,
                               double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "bag-of-words logistic regression on %s: trained on %d train examples "
                + "in %.1f s, scored on %d %s examples%n", d.name(), d.train().size(), seconds, scores.n(), s.key()));
        sb.append(String.format(Locale.ROOT, "accuracy %.4f  macro-F1 %.4f  AUC %.4f%n", scores.accuracy(),
                scores.macroF1(), scores.aucRoc()));
        for (String label : d.labels()) {
            Label l = new Label(label);
            sb.append(String.format(Locale.ROOT, "  %-12s precision %.4f  recall %.4f  F1 %.4f%n", label,
                    ev.precision(l), ev.recall(l), ev.f1(l)));
        }
        sb.append(String.format(Locale.ROOT, "settings: 1..%d-grams (min count %d), %d epochs of AdaGrad %.3g, seed %d%n",
                settings.ngram(), settings.minCount(), settings.epochs(), settings.learningRate(), settings.seed()));
        return sb.toString();
    }

    private static String json(Dataset d, Split s, BowSettings settings, ClassificationScores scores, LabelEvaluation ev,
                               double seconds) {
        ObjectMapper mapper = Json.PLAIN;
        ObjectNode root = mapper.createObjectNode();
        root.put("model", "bow-logreg");
        root.put("dataset", d.name());
        root.put("split", s.key());
        root.put("train_examples", d.train().size());
        root.put("n", scores.n());
        root.put("accuracy", scores.accuracy());
        root.put("macro_f1", scores.macroF1());
        root.put("auc_roc", scores.aucRoc());
        ObjectNode perLabel = root.putObject("labels");
        for (String label : d.labels()) {
            Label l = new Label(label);
            ObjectNode o = perLabel.putObject(label);
            o.put("precision", ev.precision(l));
            o.put("recall", ev.recall(l));
            o.put("f1", ev.f1(l));
        }
        root.set("settings", mapper.valueToTree(settings));
        root.put("train_seconds", seconds);
        return root.toString();
    }
}
