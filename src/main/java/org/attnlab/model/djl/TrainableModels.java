package org.attnlab.model.djl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attnlab.config.Defaults;
import org.attnlab.config.TrainingSpec;
import org.attnlab.data.Dataset;
import org.attnlab.model.TrainableModel;
import org.attnlab.model.TrainingOptions;
import org.attnlab.data.Example;
import org.attnlab.model.djl.rnn.DjlRnnAttentionModel;
import org.attnlab.model.djl.rnn.EmbeddingStart;
import org.attnlab.model.djl.rnn.RnnAttentionConfig;
import org.attnlab.model.djl.rnn.RnnTrainingRecipe;
import org.attnlab.model.djl.rnn.WordVectorStart;
import org.attnlab.model.djl.rnn.Vocabulary;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.HfModelDirectory;
import org.attnlab.model.hf.ModelCatalog;
import org.attnlab.model.Precision;

/** Wiring from a {@link TrainingSpec} to a fresh trainable model of the kind it names. */
public final class TrainableModels {

    private TrainableModels() {
    }

    /**
     * A new, untrained model for {@code spec}. A transformer gets a seeded random head on its pretrained
     * encoder, staged in {@code scratch} (which must outlive the model: saving copies its tokenizer).
     */
    public static TrainableModel create(TrainingSpec spec, Dataset data, Path scratch, Path specDir) {
        TrainingSpec.ModelSection m = spec.model();
        TrainingSpec.TrainingSection t = spec.training();
        if (m.kind().equals("transformer")) {
            Path base = ModelCatalog.resolve(m.base(), Defaults.modelsDir());
            Path init = scratch.resolve("init");
            ClassifierHeads.addRandomHead(base, data.labels(),
                    m.pooling().equals("mean") ? BertConfig.Pooling.MEAN : BertConfig.Pooling.CLS_POOLER, t.seed(), init);
            return TrainableBertModel.load(init, new TrainingOptions(t.learningRate(), t.weightDecay(), t.seed(), m.trainable()));
        }
        RnnAttentionConfig paper = RnnAttentionConfig.jainWallace(RnnAttentionConfig.Encoder.of(m.encoder()),
                RnnAttentionConfig.Attention.of(m.attention()), data.labels());
        boolean byDocuments = m.minDocuments() != null;
        Vocabulary vocabulary = Vocabulary.build(data.train().stream().map(Example::text).toList(),
                byDocuments ? m.minDocuments() : m.minCount(), paper.maxVocabulary(),
                Vocabulary.Words.of(m.tokenizer() == null ? "regex" : m.tokenizer()), byDocuments);
        float[][] vectors = m.embeddings() == null ? null : WordPieceVectors.of(catalogModel(m.embeddings()),
                java.util.stream.IntStream.range(0, vocabulary.size()).mapToObj(vocabulary::token).toList());
        int embedding = vectors != null ? vectors[vectors.length - 1].length
                : m.embeddingDim() != null ? m.embeddingDim() : paper.embeddingDim();
        if (vectors != null && m.embeddingDim() != null && m.embeddingDim() != embedding) {
            throw new IllegalArgumentException("model.embedding_dim: " + m.embeddings() + "'s word vectors have "
                    + embedding + " dimensions, got " + m.embeddingDim());
        }
        EmbeddingStart start = EmbeddingStart.unitVarianceOrRandom(vectors);
        if (m.wordVectors() != null) {
            // A catalog name wins over a same-named file, as it does for transformer models (./minilm reaches the file).
            start = EmbeddingStart.raw(m.wordVectors().equals("skipgram") ? skipGram(data, vocabulary, embedding)
                    : ModelCatalog.names().contains(m.wordVectors())
                            ? WordVectorStart.fromTransformer(catalogModel(m.wordVectors()), vocabulary, embedding)
                    : wordVectorFile(specDir.resolve(m.wordVectors()), vocabulary, embedding));
        }
        if (m.embeddingScale() != null) {
            start = start.scaledTo(m.embeddingScale());
        }
        int hidden = m.hiddenSize() != null ? m.hiddenSize() : paper.hiddenSize();
        RnnAttentionConfig sized = new RnnAttentionConfig(paper.encoder(), paper.attention(), embedding, hidden, paper.attentionDim(),
                paper.kernelSizes(), t.maxLength(), m.minCount(), paper.maxVocabulary(), paper.dropout(), data.labels());
        // Additive attention's tanh layer: as the spec says, else half the encoder output (Jain & Wallace); dot has none.
        int attentionDim = sized.attention() != RnnAttentionConfig.Attention.ADDITIVE ? 0
                : m.attentionDim() != null ? m.attentionDim() : sized.encoderOutputSize() / 2;
        RnnAttentionConfig config = new RnnAttentionConfig(sized.encoder(), sized.attention(), embedding, hidden, attentionDim,
                sized.kernelSizes(), t.maxLength(), byDocuments ? m.minDocuments() : m.minCount(), sized.maxVocabulary(),
                m.dropout() != null ? m.dropout() : sized.dropout(), data.labels(), RnnAttentionConfig.Output.of(m.output() == null ? "softmax" : m.output()));
        double[] classWeights = t.posWeight() == null ? null : new double[] {1, RnnTrainingRecipe.balancedPositiveWeight(
                data.train().stream().mapToInt(e -> data.labelId(e.label())).toArray())};
        RnnTrainingRecipe recipe = new RnnTrainingRecipe(t.attentionWeightDecay(), classWeights, "sum".equals(t.lossReduction()));
        return DjlRnnAttentionModel.create(config, vocabulary, new TrainingOptions(t.learningRate(), t.weightDecay(), t.seed(), "all"),
                recipe, Precision.FLOAT32, start);
    }

    /** The complete model directory of a catalog name (or hub id, or directory), imported on first use. */
    private static HfModelDirectory catalogModel(String name) {
        return new HfModelDirectory(ModelCatalog.resolve(name, Defaults.modelsDir())).requireComplete();
    }

    private static float[][] skipGram(Dataset data, Vocabulary vocabulary, int dimension) {
        Path cache = Defaults.modelsDir().resolve(".word-vectors");
        try {
            return WordVectorStart.skipGram(data.train().stream().map(Example::text).toList(), vocabulary, dimension, cache);
        } catch (IOException e) {
            throw new UncheckedIOException(cache + ": skip-gram vector cache (" + e.getMessage() + ")", e);
        }
    }

    private static float[][] wordVectorFile(Path file, Vocabulary vocabulary, int dimension) {
        try {
            return WordVectorStart.fromFile(file, vocabulary, dimension);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the word vectors (" + e.getMessage() + ")", e);
        }
    }

    /** A scratch directory beside the models, removed by the caller. */
    public static Path scratch(String name) {
        try {
            Files.createDirectories(Defaults.modelsDir());
            return Files.createTempDirectory(Defaults.modelsDir(), "." + name + "-scratch-");
        } catch (IOException e) {
            throw new UncheckedIOException(Defaults.modelsDir() + ": cannot create a scratch directory (" + e.getMessage() + ")", e);
        }
    }
}
