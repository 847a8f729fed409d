package org.attnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.attnlab.config.Defaults;
import org.attnlab.data.Dataset;
import org.attnlab.data.DatasetCatalog;
import org.attnlab.data.DatasetFetcher;
import org.attnlab.data.Split;
import org.attnlab.model.baseline.ScoreTable;
import org.attnlab.model.training.ModelEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code attnlab eval MODEL... --data NAME}: scores trained models (and, with {@code --baseline}, the
 * bag-of-words baseline) on one split of a built-in dataset with Tribuo's evaluators, as a Jain &amp;
 * Wallace-style "dataset and model" table.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score trained models on a dataset split: n, mean length, accuracy, macro-F1, AUC per model.")
final class EvalCommand implements Callable<Integer> {

    enum Format { text, json, markdown }

    @Parameters(arity = "0..*", paramLabel = "MODEL",
            description = "Model directories, or names of directories under models/.")
    List<String> models = new ArrayList<>();

    @Option(names = "--data", required = true, paramLabel = "NAME", description = "A built-in dataset (attnlab data list).")
    String data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "test|dev",
            description = "Split to score (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--baseline", description = "Add a row for the bag-of-words logistic regression (trained on train).")
    boolean baseline;

    @Option(names = "--format", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (models.isEmpty() && !baseline) {
            throw new IllegalArgumentException("nothing to evaluate: give at least one MODEL, or --baseline");
        }
        Split s = Split.parse(split);
        if (s == Split.TRAIN) {
            throw new IllegalArgumentException("--split must be test or dev, got " + split);
        }
        // Resolve every argument before loading data or models: a typo fails at once.
        List<Path> dirs = new ArrayList<>();
        for (String m : models) {
            dirs.add(resolveModel(m, Defaults.modelsDir()));
        }
        Dataset d = DatasetCatalog.get(data).load(new DatasetFetcher(DatasetFetcher.defaultCacheDir()));
        ScoreTable table = ModelEvaluation.table(dirs, d, s, baseline, spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? table.json() + "\n" : format == Format.markdown ? table.markdown() : table.text());
        out.flush();
        return 0;
    }

    /**
     * A model argument as a directory: an existing directory as given, else {@code models/<arg>}.
     *
     * @throws IllegalArgumentException neither exists
     */
    static Path resolveModel(String arg, Path modelsDir) {
        Path given = Path.of(arg);
        if (Files.isDirectory(given)) {
            return given;
        }
        Path named = modelsDir.resolve(arg);
        if (!given.isAbsolute() && Files.isDirectory(named)) {
            return named;
        }
        throw new IllegalArgumentException("unknown model '" + arg + "': no directory " + given.toAbsolutePath()
                + " nor " + named.toAbsolutePath());
    }
}
