package org.attnlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attnlab.config.Defaults;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.ModelCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attnlab import}: converts a bundled pretrained encoder (an ONNX export on the classpath) into
 * a Hugging Face-layout model directory. Commands taking {@code --model minilm} do this on first use;
 * this command does it explicitly, to another place, or again with {@code --force}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a bundled pretrained BERT encoder into a model directory"
                + " (config.json, model.safetensors, tokenizer.json).")
final class ImportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "minilm, bge-small or e5-small.")
    String model;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Target directory (default: <attnlab.home>/models/NAME).")
    Path out;

    @Option(names = "--force", description = "Replace an existing model directory.")
    boolean force;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Path target = out != null ? out : Defaults.modelsDir().resolve(model);
        long start = System.nanoTime();
        BertConfig c = ModelCatalog.importModel(model, target, force);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "imported %s into %s: %d layers, %d heads, hidden %d, intermediate %d, vocab %d (%.1f s)%n",
                model, target, c.layers(), c.heads(), c.hiddenSize(), c.intermediateSize(), c.vocabSize(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
