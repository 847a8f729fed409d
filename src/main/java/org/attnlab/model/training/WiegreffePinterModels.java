package org.attnlab.model.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.attnlab.config.TrainingSpec;
import org.attnlab.data.Dataset;
import org.attnlab.data.TokenizedText;
import org.attnlab.io.Json;
import org.attnlab.model.TrainableModel;
import org.attnlab.model.djl.Models;
import org.attnlab.model.djl.TrainableModels;
import org.attnlab.model.djl.rnn.DjlRnnAttentionModel;
import org.attnlab.model.djl.rnn.RnnObjective;
import org.attnlab.model.djl.rnn.Vocabulary;

/**
 * The models Wiegreffe &amp; Pinter (2019, "Attention is not not Explanation") derive from a trained RNN attention
 * spec: the same spec with attention frozen uniform, the same spec from other seeds, diagnostic MLPs whose pooling
 * weights are imposed or learned, and model-consistent adversaries trained against the base model. Each is trained
 * once and reused while its inputs are unchanged, like a model trained from a spec file.
 */
public final class WiegreffePinterModels {

    /** The name of the diagnostic MLP that learns its own attention ({@link #trainedMlp}) among the diagnostics. */
    public static final String TRAINED_MLP = "trained";

    private WiegreffePinterModels() {
    }

    /** {@code base} with {@code training.seed = seed}, named {@code <base>-seed<seed>}. */
    public static TrainingSpec withSeed(TrainingSpec base, long seed) {
        return new TrainingSpec(base.name() + "-seed" + seed, base.dataset(), base.model(), base.training().withSeed(seed));
    }

    /**
     * {@code base} (an RNN spec) with its attention frozen to the uniform distribution over real tokens (no attention
     * parameters), named {@code <base>-uniform}: {@code model.attention: uniform}, and no {@code attention_dim}
     * (it sizes additive attention only). Everything else, the training loop included, is the base's. This is W&amp;P's
     * frozen uniform baseline ({@code run_frozen_attn.sh}: alpha = 1/n over the words, the start and end markers 0).
     *
     * @throws IllegalArgumentException {@code base} is not an RNN spec
     */
    public static TrainingSpec uniform(TrainingSpec base) {
        requireRnn(base, "uniform attention");
        TrainingSpec.ModelSection m = base.model();
        return new TrainingSpec(base.name() + "-uniform", base.dataset(),
                new TrainingSpec.ModelSection(m.kind(), m.base(), m.pooling(), m.trainable(), m.encoder(), "uniform",
                        m.embeddingDim(), m.hiddenSize(), m.minCount(), m.embeddings(), m.tokenizer(), m.minDocuments(),
                        m.output(), m.wordVectors(), null, m.dropout(), m.embeddingScale()),
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
     * <p>The MLP is their {@code EncoderAverage} with a tanh projection ({@code run_bows_*.sh}): word embedding,
     * {@code tanh(W e_t + b)} per token ({@code model.encoder: average}, {@code hidden_size} and {@code embedding_dim}
     * as the base's), pooled, linear output; {@code model.attention: uniform}, so it has no attention parameters.
     * Its embeddings start as the base's do (same word vectors), its loop settings (epochs, batch, learning rate,
     * time budget, seed, checkpoint selection) are the base's; the dev and test scores in its {@code training.json}
     * are measured with the source's weights imposed. While training, each batch's pooling weights are the source's
     * attention on the same tokens (a forward of the source, no gradient), as their {@code PretrainedWeightsDecoder};
     * with no source they are uniform ({@code FrozenAttnDecoder}). The base model is trained first if it is not yet.
     *
     * <p>Reused while the base spec, {@code sourceName} and the source directory's {@link DirectoryFingerprint} are
     * unchanged (recorded under {@code derived_from} in its {@code training.json}).
     *
     * @param sourceName names the source in the model's name; not {@link #TRAINED_MLP} (see {@link #trainedMlp})
     * @param sourceDir  the model whose attention is imposed while training (same vocabulary); null = uniform
     * @throws IllegalArgumentException {@code base} is not an RNN spec, the source's vocabulary is not the base's, or
     *                                  {@code sourceName} is {@link #TRAINED_MLP}
     */
    public static Path diagnostic(TrainingSpec base, Path baseSpecFile, String sourceName, Path sourceDir,
                                  PrintWriter console) throws IOException {
        if (TRAINED_MLP.equals(sourceName)) {
            throw new IllegalArgumentException("'" + TRAINED_MLP + "' names the diagnostic MLP that learns its own attention"
                    + " (trainedMlp), not a source of imposed attention");
        }
        return mlp(mlpSpec(base, sourceName, "uniform"), base, baseSpecFile, sourceName, sourceDir, console);
    }

    /**
     * W&amp;P's "trained MLP" (their Table 3): the {@link #diagnostic} MLP, same words, sizes, start and loop, with
     * additive attention over its per-token outputs learned with everything else instead of imposed weights, as their
     * {@code run_bows_baselines.sh} ({@code --encoder average --attention tanh}); returns
     * {@code models/<base>-diagnostic-trained}. The attention's tanh layer has half the MLP's output size
     * ({@code attention_dim} left to its default, as their {@code TanhAttention(hidden_size)}), whatever the base's.
     * Its forwards use its own attention; its {@code derived_from} names source {@link #TRAINED_MLP} and no source
     * fingerprint, and it is reused while the base spec is unchanged. For an {@code average} base with additive
     * attention it is the base's architecture retrained under another name.
     *
     * @throws IllegalArgumentException {@code base} is not an RNN spec
     */
    public static Path trainedMlp(TrainingSpec base, Path baseSpecFile, PrintWriter console) throws IOException {
        return mlp(mlpSpec(base, TRAINED_MLP, "additive"), base, baseSpecFile, TRAINED_MLP, null, console);
    }

    /** Trains {@code spec}, a diagnostic MLP of {@code base}, with the attention of {@code sourceDir} (null: its own). */
    private static Path mlp(TrainingSpec spec, TrainingSpec base, Path baseSpecFile, String sourceName, Path sourceDir,
                            PrintWriter console) throws IOException {
        Path baseDir = SpecTraining.ensureTrained(base, baseSpecFile, false, null, console);
        Dataset data = SpecTraining.dataset(base.dataset(), baseSpecFile);
        ObjectNode derived = Json.PLAIN.createObjectNode();
        derived.put("kind", "wiegreffe-pinter-diagnostic");
        derived.set("base_spec", Json.PLAIN.valueToTree(base));
        derived.put("source", sourceName);
        derived.put("source_fingerprint", sourceDir == null ? null : DirectoryFingerprint.sha256(sourceDir));
        Vocabulary vocabulary;
        try (DjlRnnAttentionModel baseModel = DjlRnnAttentionModel.load(baseDir)) {
            vocabulary = baseModel.vocabulary();
        }
        try (DjlRnnAttentionModel source = sourceDir == null ? null : DjlRnnAttentionModel.load(sourceDir)) {
            if (source != null) {
                requireVocabulary(vocabulary, baseDir, source.vocabulary(), sourceDir);
            }
            Function<List<TokenizedText>, double[][]> alphas = source == null ? null : RnnObjective.attentionOf(source);
            RnnObjective objective = alphas == null ? RnnObjective.crossEntropy() : RnnObjective.imposedAttention(alphas);
            return SpecTraining.ensureTrained(new TrainingRecord(spec, data, derived), data, false, null,
                    scratch -> {
                        DjlRnnAttentionModel mlp = created(spec, data, scratch, baseSpecFile);
                        requireVocabulary(vocabulary, baseDir, mlp.vocabulary(), null);
                        return ObjectiveTrainedModel.training(mlp, objective, alphas);
                    },
                    dir -> ObjectiveTrainedModel.scoring(DjlRnnAttentionModel.load(dir), alphas), console);
        }
    }

    /**
     * W&amp;P's model-consistent adversary of the model in {@code baseDir} (trained from {@code base}): the same
     * architecture trained on the training split with loss {@code TVD(y_adv, y_base) - lambda KL(alpha_adv || alpha_base)};
     * returns {@code models/<base>-adversary-<lambda>}.
     *
     * <p>As in their {@code train_adversarial}, the adversary starts fresh, not from the base's trained weights: from the
     * base spec's seeded initialisation (the one the base itself started from, as their runs share {@code --seed}); the
     * base stays frozen (its probabilities and attention on each batch come from its
     * forward), and the saved epoch is the one with the lowest mean training loss ({@code selection: train-loss});
     * the other loop settings are the base's. The loss is {@link RnnObjective#consistentAdversary}'s (batch mean, TVD
     * over all classes: their code's binary TVD is half of it, so their lambda is half of ours). Its
     * {@code training.json} scores it against the gold labels and records {@code lambda} and the base's
     * {@link DirectoryFingerprint} under {@code derived_from}; it is reused while those and the base spec are unchanged.
     *
     * @param lambda weight of the attention divergence, finite and {@code >= 0}
     * @throws IllegalArgumentException a bad lambda, {@code base} not an RNN spec, or {@code baseDir} holding a model
     *                                  with another vocabulary
     */
    public static Path consistentAdversary(TrainingSpec base, Path baseSpecFile, Path baseDir, double lambda,
                                           PrintWriter console) throws IOException {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        requireRnn(base, "a model-consistent adversary");
        String lambdaText = BigDecimal.valueOf(lambda).stripTrailingZeros().toPlainString();
        TrainingSpec spec = new TrainingSpec(base.name() + "-adversary-" + lambdaText, base.dataset(), base.model(),
                base.training().withSelection("train-loss", null));
        Dataset data = SpecTraining.dataset(base.dataset(), baseSpecFile);
        ObjectNode derived = Json.PLAIN.createObjectNode();
        derived.put("kind", "wiegreffe-pinter-consistent-adversary");
        derived.put("lambda", lambda);
        derived.put("base", base.name());
        derived.put("base_fingerprint", DirectoryFingerprint.sha256(baseDir));
        try (DjlRnnAttentionModel reference = DjlRnnAttentionModel.load(baseDir)) {
            RnnObjective objective = RnnObjective.consistentAdversary(reference, lambda);
            return SpecTraining.ensureTrained(new TrainingRecord(spec, data, derived), data, false, null,
                    scratch -> {
                        DjlRnnAttentionModel adversary = created(spec, data, scratch, baseSpecFile);
                        requireVocabulary(reference.vocabulary(), baseDir, adversary.vocabulary(), null);
                        return ObjectiveTrainedModel.training(adversary, objective, null);
                    },
                    Models::load, console);
        }
    }

    /** A diagnostic MLP's spec: {@code base}'s words, sizes and loop, encoder average, the given attention. */
    static TrainingSpec mlpSpec(TrainingSpec base, String sourceName, String attention) {
        requireRnn(base, "a diagnostic MLP");
        TrainingSpec.ModelSection m = base.model();
        return new TrainingSpec(base.name() + "-diagnostic-" + sourceName, base.dataset(),
                new TrainingSpec.ModelSection("rnn", null, null, null, "average", attention, m.embeddingDim(),
                        m.hiddenSize(), m.minCount(), m.embeddings(), m.tokenizer(), m.minDocuments(), m.output(),
                        m.wordVectors(), null, m.dropout(), m.embeddingScale()),
                base.training());
    }

    private static void requireRnn(TrainingSpec base, String what) {
        if (!base.model().kind().equals("rnn")) {
            throw new IllegalArgumentException(base.name() + ": " + what + " needs model kind rnn, got "
                    + base.model().kind());
        }
    }

    /** A fresh RNN model for {@code spec}, its word vectors resolved beside the base spec file. */
    private static DjlRnnAttentionModel created(TrainingSpec spec, Dataset data, Path scratch, Path baseSpecFile) {
        TrainableModel model = TrainableModels.create(spec, data, scratch, baseSpecFile.toAbsolutePath().getParent());
        if (model instanceof DjlRnnAttentionModel rnn) {
            return rnn;
        }
        model.close();
        throw new IllegalStateException(spec.name() + ": expected an RNN attention model, got " + model.info().architecture());
    }

    /** Token ids must mean the same words to both models, or imposed and compared attentions would be misaligned. */
    private static void requireVocabulary(Vocabulary expected, Path expectedDir, Vocabulary actual, Path actualDir) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException((actualDir == null ? "the model built from the spec" : actualDir.toString())
                    + " has a vocabulary of " + actual.size() + " entries that is not the one of " + expectedDir + " ("
                    + expected.size() + " entries): token ids would not mean the same words");
        }
    }
}
