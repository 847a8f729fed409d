package org.attnlab.cli;

import org.attnlab.config.Defaults;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.djl.Models;
import org.attnlab.model.hf.ModelCatalog;
import picocli.CommandLine.Option;

/** {@code --model NAME|DIR}, shared by every command that runs a model. */
final class ModelOption {

    @Option(names = "--model", required = true, paramLabel = "NAME|DIR|HUB-ID",
            description = "A catalog name (minilm, bge-small, e5-small: imported on first use), a Hugging Face model"
                    + " directory (BERT, RoBERTa, DistilBERT or ELECTRA), or a hub id hf:ORG/NAME[@REVISION]"
                    + " (downloaded once into the Hugging Face cache; HF_ENDPOINT, HF_HOME).")
    String model;

    ClassifierModel open() {
        return Models.load(ModelCatalog.resolve(model, Defaults.modelsDir()));
    }
}
