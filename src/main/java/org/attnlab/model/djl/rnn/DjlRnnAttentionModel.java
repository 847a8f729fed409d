package org.attnlab.model.djl.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.attnlab.model.djl.ComputeDevice;
import org.attnlab.model.djl.GradientLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.ModelInfo;
import org.attnlab.model.OutputTarget;
import org.attnlab.model.Precision;
import org.attnlab.model.TrainableModel;
import org.attnlab.model.TrainingOptions;

/**
 * Jain &amp; Wallace's and Serrano &amp; Smith's attention classifiers (embedding, BiLSTM/biGRU/CNN/
 * average/no encoder, additive or dot attention with one query, linear, softmax) on DJL's PyTorch
 * engine. To the analyses it is a model with one layer, one head and one query row: attentions are
 * {@code [1][1][1][n]}, zero at the start/end markers, and edits change alpha only. As in both papers,
 * an edited forward keeps the encoder's hidden states: they are computed once per input and every edit
 * set then only re-weights them. {@link ForwardOptions#lastHiddenState()} returns those encoder states.
 *
 * <p>Gradients are w.r.t. the word embeddings (times the request's scale) and alpha after edits;
 * {@code detachAttention} holds alpha constant for the embedding gradient (Jain &amp; Wallace).
 * Training: mean cross-entropy (or another {@link RnnObjective}: imposed attention, W&amp;P's adversarial loss), {@link AmsGradAdam} (PyTorch's Adam with AMSGrad and coupled L2 weight
 * decay on every parameter), optional embedding dropout; {@link TrainingOptions#trainable()} is ignored
 * because these models always train every parameter.
 *
 * <p>Memory: parameters and optimiser moments live in the model's base manager; every call works in a
 * sub-manager closed before it returns. Create with {@link #create} (trainable) or {@link #load}.
 */
public final class DjlRnnAttentionModel implements TrainableModel {

    /** Inputs per engine batch of {@link #forward}. */
    static final int MAX_BATCH = 64;

    private final NDManager base;
    private final RnnNetwork network;
    private final Vocabulary vocabulary;
    private final ModelInfo info;
    private final DataType dtype;
    private final RnnTrainer trainer;

    private DjlRnnAttentionModel(NDManager base, RnnNetwork network, Vocabulary vocabulary, String name,
                                 DataType dtype, TrainingOptions options) {
        this(base, network, vocabulary, name, dtype, options, RnnTrainingRecipe.DEFAULT);
    }

    private DjlRnnAttentionModel(NDManager base, RnnNetwork network, Vocabulary vocabulary, String name,
                                 DataType dtype, TrainingOptions options, RnnTrainingRecipe recipe) {
        RnnAttentionConfig c = network.config();
        this.base = base;
        this.network = network;
        this.vocabulary = vocabulary;
        this.info = new ModelInfo(name, "rnn-attention", 1, 1, c.maxLength(), c.labels());
        this.dtype = dtype;
        this.trainer = options == null ? null : new RnnTrainer(network, dtype, options, recipe, base);
    }

    public static DjlRnnAttentionModel create(RnnAttentionConfig config, Vocabulary vocabulary, TrainingOptions options) {
        return create(config, vocabulary, options, Precision.FLOAT32);
    }

    /** A fresh model, parameters drawn from {@code options.seed()} (see {@link RnnWeights}), ready to train. */
    public static DjlRnnAttentionModel create(RnnAttentionConfig config, Vocabulary vocabulary, TrainingOptions options,
                                              Precision precision) {
        return create(config, vocabulary, options, precision, null);
    }

    /**
     * As {@link #create(RnnAttentionConfig, Vocabulary, TrainingOptions, Precision)}, the word embeddings
     * starting from pretrained vectors: {@code wordVectors[id]} for vocabulary id {@code id} (null rows and
     * the special tokens keep their random start), rescaled to the unit variance of the random start so
     * the encoder sees inputs of the scale it was initialised for. {@code null} = all random.
     */
    public static DjlRnnAttentionModel create(RnnAttentionConfig config, Vocabulary vocabulary, TrainingOptions options,
                                              Precision precision, float[][] wordVectors) {
        return create(config, vocabulary, options, RnnTrainingRecipe.DEFAULT, precision,
                EmbeddingStart.unitVarianceOrRandom(wordVectors));
    }

    /**
     * As {@link #create(RnnAttentionConfig, Vocabulary, TrainingOptions, Precision, float[][])} with a
     * {@link RnnTrainingRecipe} and any {@link EmbeddingStart} (Jain &amp; Wallace's: {@link EmbeddingStart#raw}).
     */
    public static DjlRnnAttentionModel create(RnnAttentionConfig config, Vocabulary vocabulary, TrainingOptions options,
                                              RnnTrainingRecipe recipe, Precision precision, EmbeddingStart start) {
        float[][] wordVectors = start.vectors();
        if (vocabulary.size() > config.maxVocabulary()) {
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " entries but the config allows "
                    + config.maxVocabulary());
        }
        if (wordVectors != null && wordVectors.length != vocabulary.size()) {
            throw new IllegalArgumentException(wordVectors.length + " pretrained vectors for a vocabulary of "
                    + vocabulary.size());
        }
        DataType dtype = dataType(precision);
        NDManager base = NDManager.newBaseManager(ComputeDevice.get(), "PyTorch");
        try {
            RnnWeights w = RnnWeights.initialise(config, vocabulary.size(), options.seed(), base, dtype, start);
            return new DjlRnnAttentionModel(base, new RnnNetwork(config, w), vocabulary,
                    "rnn-attention-" + config.encoder().key + "-" + config.attention().key, dtype, options, recipe);
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
    }

    public static DjlRnnAttentionModel load(Path dir) {
        return load(dir, Precision.FLOAT32);
    }

    /** Loads a directory written by {@link #save} for analysis; {@link #trainStep} is refused. */
    public static DjlRnnAttentionModel load(Path dir, Precision precision) {
        return load(dir, precision, null);
    }

    /** Loads a directory to continue training with {@code options} (fresh optimiser moments). */
    public static DjlRnnAttentionModel load(Path dir, Precision precision, TrainingOptions options) {
        NDManager base = NDManager.newBaseManager(ComputeDevice.get(), "PyTorch");
        try {
            RnnModelDirectory.Contents c = RnnModelDirectory.read(dir, base, dataType(precision));
            Path name = dir.toAbsolutePath().normalize().getFileName();
            return new DjlRnnAttentionModel(base, new RnnNetwork(c.config(), c.weights()), c.vocabulary(),
                    name == null ? dir.toString() : name.toString(), dataType(precision), options);
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
    }

    public RnnAttentionConfig config() {
        return network.config();
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public TokenizedText tokenize(String text, boolean truncate) {
        return vocabulary.encode(text, info.maxPositions(), truncate);
    }

    @Override
    public List<ForwardResult> forward(List<TokenizedText> inputs, ForwardOptions options) {
        inputs.forEach(this::checkInput);
        List<ForwardResult> results = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += MAX_BATCH) {
            try (NDManager sub = base.newSubManager()) {
                RnnBatch batch = RnnBatch.of(sub, inputs.subList(from, Math.min(inputs.size(), from + MAX_BATCH)), dtype);
                NDArray hidden = network.encode(network.embed(batch.ids()), batch);
                NDArray alpha = network.alpha(hidden, batch);
                results.addAll(RnnResults.forward(network.logits(alpha, hidden), alpha, hidden, batch.lengths(), options));
            }
        }
        return results;
    }

    @Override
    public List<ForwardResult> forwardEdited(TokenizedText input, List<List<AttentionEdit>> editSets,
                                             ForwardOptions options) {
        checkInput(input);
        editSets.forEach(set -> AlphaEditor.validate(set, input.length()));
        if (editSets.isEmpty()) {
            return List.of();
        }
        try (NDManager sub = base.newSubManager()) {
            RnnBatch one = RnnBatch.of(sub, List.of(input), dtype);
            // The hidden states [1, n, H] are computed once and shared by every edited alpha row.
            NDArray hidden = network.encode(network.embed(one.ids()), one);
            NDArray alphas = AlphaEditor.apply(network.alpha(hidden, one), editSets);
            int[] lengths = new int[editSets.size()];
            Arrays.fill(lengths, input.length());
            return RnnResults.forward(network.logits(alphas, hidden), alphas, hidden, lengths, options);
        }
    }

    @Override
    public Gradients gradients(TokenizedText input, GradientRequest request) {
        OutputTarget target = request.target();
        if (target.classIndex() >= info.labels().size()) {
            throw new IllegalArgumentException("class " + target.classIndex() + " does not exist: " + info.name()
                    + " has classes " + info.labels());
        }
        checkInput(input);
        AlphaEditor.validate(request.edits(), input.length());
        try (NDManager sub = base.newSubManager();
             GradientCollector collector = GradientLock.open(sub)) {
            RnnBatch one = RnnBatch.of(sub, List.of(input), dtype);
            NDArray words = network.embed(one.ids());
            if (request.embeddingScale() != 1.0) {
                words = words.mul(sub.create(request.embeddingScale()).toType(dtype, false));
            }
            // Zero-add taps: d out / d tap = d out / d (tapped intermediate) (docs/djl-pitfalls.md, 3).
            NDArray embeddingTap = tap(sub, words);
            NDArray hidden = network.encode(words.add(embeddingTap), one);
            NDArray alpha = network.alpha(hidden, one);
            if (!request.edits().isEmpty()) {
                alpha = AlphaEditor.apply(alpha, List.of(request.edits()));
            }
            if (request.detachAttention()) {
                alpha = alpha.stopGradient();
            }
            NDArray alphaTap = tap(sub, alpha);
            NDArray logits = network.logits(alpha.add(alphaTap), hidden);
            NDArray out = target.kind() == OutputTarget.Kind.PROBABILITY ? logits.softmax(-1) : logits;
            NDArray scalar = out.get(0, target.classIndex());
            collector.backward(scalar);
            return RnnResults.gradients(target, scalar, words, embeddingTap, alphaTap);
        }
    }

    @Override
    public double trainStep(List<TokenizedText> inputs, int[] labels) {
        return trainStep(inputs, labels, RnnObjective.crossEntropy());
    }

    /**
     * One optimiser step toward {@code objective} (cross-entropy, imposed attention, an adversarial loss); the
     * labels are checked even where the objective does not use them.
     *
     * @return the batch's loss before the step
     */
    public double trainStep(List<TokenizedText> inputs, int[] labels, RnnObjective objective) {
        if (trainer == null) {
            throw new IllegalStateException(info.name() + " was loaded for analysis; load it with TrainingOptions"
                    + " (or create a model) to train");
        }
        if (inputs.size() != labels.length || inputs.isEmpty()) {
            throw new IllegalArgumentException(inputs.size() + " inputs but " + labels.length + " labels");
        }
        inputs.forEach(this::checkInput);
        for (int label : labels) {
            if (label < 0 || label >= info.labels().size()) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (info.labels().size() - 1));
            }
        }
        return trainer.step(base, inputs, labels, objective);
    }

    @Override
    public void save(Path dir) {
        RnnModelDirectory.write(dir, network.config(), vocabulary, network.weights());
    }

    /** Class logits with {@code offset [token][dim]} added to the word embeddings and {@code edits} applied. */
    double[] logitsWithEmbeddingOffset(TokenizedText input, double[][] offset, List<AttentionEdit> edits) {
        try (NDManager sub = base.newSubManager()) {
            RnnBatch one = RnnBatch.of(sub, List.of(input), dtype);
            NDArray words = network.embed(one.ids());
            double[] flat = Arrays.stream(offset).flatMapToDouble(Arrays::stream).toArray();
            NDArray hidden = network.encode(words.add(sub.create(flat, words.getShape()).toType(dtype, false)), one);
            NDArray alpha = network.alpha(hidden, one);
            NDArray edited = edits.isEmpty() ? alpha : AlphaEditor.apply(alpha, List.of(edits));
            return RnnResults.doubles(network.logits(edited, hidden));
        }
    }

    /** A copy of parameter {@code name}, flattened row-major. */
    double[] parameter(String name) {
        return network.weights().get(name).toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Overwrites parameter {@code name} (row-major values of its shape). */
    void setParameter(String name, double[] values) {
        NDArray p = network.weights().get(name);
        if (values.length != p.size()) {
            throw new IllegalArgumentException(name + " has " + p.size() + " values, got " + values.length);
        }
        if (dtype == DataType.FLOAT64) {
            p.set(values);
        } else {
            p.set(RnnResults.floats(values));
        }
    }

    private void checkInput(TokenizedText input) {
        if (input.length() > info.maxPositions()) {
            throw new IllegalArgumentException("input has " + input.length() + " tokens but " + info.name()
                    + " accepts at most " + info.maxPositions());
        }
        boolean attendable = false;
        boolean[] special = input.special();
        long[] ids = input.ids();
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] < 0 || ids[t] >= vocabulary.size()) {
                throw new IllegalArgumentException("token id " + ids[t] + " at " + t + " is outside " + info.name()
                        + "'s vocabulary of " + vocabulary.size() + " (tokenized by another model?)");
            }
            attendable |= !special[t];
        }
        if (!attendable) {
            throw new IllegalArgumentException("input has no non-special token for the attention to weight");
        }
    }

    private NDArray tap(NDManager manager, NDArray like) {
        NDArray z = manager.zeros(like.getShape(), dtype);
        z.setRequiresGradient(true);
        return z;
    }

    private static DataType dataType(Precision precision) {
        return precision == Precision.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
    }

    @Override
    public void close() {
        base.close();
    }
}
