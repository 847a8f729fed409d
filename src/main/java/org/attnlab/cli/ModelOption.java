package org.attnlab.cli;

import org.attnlab.config.Defaults;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.djl.Models;
import org.attnlab.model.hf.ModelCatalog;
import picocli.CommandLine.Option;

/** {@code --model NAME|DIR}, shared by every command that runs a model. */
final class ModelOption {

    @Option(names = "--model", required = true, paramLabel = "NAME|DIR",
            description = "A catalog name (minilm, bge-small: imported on first use) or a Hugging Face BERT directory.")
    String model;

    ClassifierModel open() {
        return Models.load(ModelCatalog.resolve(model, Defaults.modelsDir()));
    }
}
