package org.attnlab.model.training;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.attnlab.config.TrainingSpec;

/**
 * The models Wiegreffe &amp; Pinter (2019, "Attention is not not Explanation") derive from a trained RNN attention
 * spec: the same spec with attention frozen uniform, the same spec from other seeds, diagnostic MLPs whose pooling
 * weights are imposed, and model-consistent adversaries trained against the base model. Each is trained once and
 * reused while its inputs are unchanged, like a model trained from a spec file.
 */
public final class WiegreffePinterModels {

    private WiegreffePinterModels() {
    }

    /** {@code base} with {@code training.seed = seed}, named {@code <base>-seed<seed>}. */
    public static TrainingSpec withSeed(TrainingSpec base, long seed) {
        TrainingSpec.TrainingSection t = base.training();
        return new TrainingSpec(base.name() + "-seed" + seed, base.dataset(), base.model(),
                new TrainingSpec.TrainingSection(t.epochs(), t.batchSize(), t.learningRate(), t.weightDecay(), seed,
                        t.maxLength(), t.maxTrainExamples(), t.maxDevExamples(), t.timeBudgetMinutes(), t.selection(),
                        t.firstEligibleEpoch(), t.attentionWeightDecay(), t.posWeight(), t.lossReduction()));
    }

    /**
     * {@code base} (an RNN spec) with its attention frozen to the uniform distribution over real tokens (no attention
     * parameters), named {@code <base>-uniform}: {@code model.attention: uniform}, and no {@code attention_dim}
     * (it sizes additive attention only). Everything else, the training loop included, is the base's.
     *
     * @throws IllegalArgumentException {@code base} is not an RNN spec
     */
    public static TrainingSpec uniform(TrainingSpec base) {
        TrainingSpec.ModelSection m = base.model();
        if (!m.kind().equals("rnn")) {
            throw new IllegalArgumentException(base.name() + ": uniform attention needs model kind rnn, got " + m.kind());
        }
        return new TrainingSpec(base.name() + "-uniform", base.dataset(),
                new TrainingSpec.ModelSection(m.kind(), m.base(), m.pooling(), m.trainable(), m.encoder(), "uniform",
                        m.embeddingDim(), m.hiddenSize(), m.minCount(), m.embeddings(), m.tokenizer(), m.minDocuments(),
                        m.output(), m.wordVectors(), null, m.dropout()),
                base.training());
    }

    /** Trains {@code spec} (a variant made by this class) unless its directory already holds it; returns the directory. */
    public static Path ensureTrained(TrainingSpec spec, Path baseSpecFile, PrintWriter console) throws IOException {
        return SpecTraining.ensureTrained(spec, baseSpecFile, false, null, console);
    }

    /**
     * W&amp;P's diagnostic: a non-contextual MLP over {@code base}'s vocabulary and tokenizer whose pooling weights
     * are imposed, trained with everything else; returns {@code models/<base>-diagnostic-<sourceName>}. The saved
     * model's unedited forward pools uniformly; a forward with a {@code Replace(0, 0, [[alpha]])} edit pools with
     * {@code alpha}, which is how the weights of a source model are imposed at test time.
     *
     * @param sourceDir the model whose attention is imposed while training (same vocabulary); null = uniform
     */
    public static Path diagnostic(TrainingSpec base, Path baseSpecFile, String sourceName, Path sourceDir,
                                  PrintWriter console) throws IOException {
        throw new UnsupportedOperationException("diagnostic MLP: being built on branch wp-models");
    }

    /**
     * W&amp;P's model-consistent adversary of the model in {@code baseDir} (trained from {@code base}): the same
     * architecture trained on the training split with loss {@code TVD(y_adv, y_base) - lambda KL(alpha_adv || alpha_base)};
     * returns {@code models/<base>-adversary-<lambda>}.
     */
    public static Path consistentAdversary(TrainingSpec base, Path baseSpecFile, Path baseDir, double lambda,
                                           PrintWriter console) throws IOException {
        throw new UnsupportedOperationException("model-consistent adversary: being built on branch wp-models");
    }
}
