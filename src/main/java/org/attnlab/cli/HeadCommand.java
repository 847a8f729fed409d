package org.attnlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.attnlab.config.Defaults;
import org.attnlab.model.djl.ClassifierHeads;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.ModelCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code attnlab head}: an encoder plus an untrained classification head, for checking the plumbing
 * (its predictions mean nothing until the head is trained).
 */
@Command(name = "head", mixinStandardHelpOptions = true,
        description = "Write a classifier directory: an encoder with a randomly initialised (untrained) head.")
final class HeadCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NAME|DIR", description = "Encoder: catalog name or directory.")
    String model;

    @Option(names = "--labels", required = true, split = ",", description = "Class labels in output order, e.g. neg,pos.")
    List<String> labels;

    @Option(names = "--pooling", defaultValue = "cls-pooler", description = "cls-pooler (HF BertForSequenceClassification) or mean.")
    String pooling;

    @Option(names = "--seed", defaultValue = "1") long seed;

    @Option(names = "--out", required = true, description = "New model directory.") Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        BertConfig.Pooling p = switch (pooling) {
            case "cls-pooler" -> BertConfig.Pooling.CLS_POOLER;
            case "mean" -> BertConfig.Pooling.MEAN;
            default -> throw new IllegalArgumentException("--pooling must be cls-pooler or mean, got " + pooling);
        };
        Path dir = ClassifierHeads.addRandomHead(ModelCatalog.resolve(model, Defaults.modelsDir()), labels, p, seed, out);
        spec.commandLine().getOut().println("wrote " + dir + " (untrained head: " + labels + ")");
        return 0;
    }
}
