package org.attnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.attnlab.model.training.SpecTraining;
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
        SpecTraining.ensureTrained(specFile, force, out, spec.commandLine().getOut());
        return 0;
    }
}
