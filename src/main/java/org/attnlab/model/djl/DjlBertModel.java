package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionBlock;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.ModelException;
import org.attnlab.model.ModelInfo;
import org.attnlab.model.OutputTarget;
import org.attnlab.model.Precision;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.HfModelDirectory;

/**
 * A BERT-family (BERT, RoBERTa, DistilBERT, ELECTRA) encoder or sequence classifier loaded from a Hugging Face–layout directory and
 * run on DJL's PyTorch engine, with every attention matrix readable, editable and differentiable.
 *
 * <p>Memory: the weights live in this model's base manager; every call works in a sub-manager that
 * is closed before it returns, after copying results into Java arrays.
 */
public final class DjlBertModel implements ClassifierModel {

    /** Inputs per engine batch; bounds memory at seq 512 (attention maps are batch x heads x n x n). */
    static final int MAX_BATCH = 32;

    private final NDManager base;
    private final BertEncoder encoder;
    private final HfTokenizer tokenizer;
    private final ModelInfo info;
    private final DataType dtype;
    private final HfModelDirectory source;
    /** Whether forward and forwardEdited may take exact shortcuts ({@link LastLayerQueryRows}). */
    private boolean shortcuts = true;

    private DjlBertModel(HfModelDirectory source, NDManager base, BertEncoder encoder, HfTokenizer tokenizer,
                         ModelInfo info, DataType dtype) {
        this.source = source;
        this.base = base;
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.info = info;
        this.dtype = dtype;
    }

    public static DjlBertModel load(Path dir) {
        return load(dir, Precision.FLOAT32);
    }

    /** Loads and validates {@code dir} (config against weights) before returning. */
    public static DjlBertModel load(Path dir, Precision precision) {
        HfModelDirectory d = new HfModelDirectory(dir).requireComplete();
        BertConfig config = BertConfig.read(d.config());
        DataType dtype = precision == Precision.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
        NDManager base = NDManager.newBaseManager(ComputeDevice.get(), "PyTorch");
        try {
            BertWeights weights = BertWeights.read(d.weights(), config, base, dtype);
            HfTokenizer tokenizer = HfTokenizer.load(d.tokenizer(), config.maxTokens());
            Path name = dir.toAbsolutePath().normalize().getFileName();
            ModelInfo info = new ModelInfo(name == null ? dir.toString() : name.toString(),
                    config.architecture().modelType, config.layers(), config.heads(), config.maxTokens(), config.labels());
            return new DjlBertModel(d, base, new BertEncoder(config, weights), tokenizer, info, dtype);
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
    }

    /**
     * Lets {@link #forward} and {@link #forwardEdited} take their exact shortcuts (on by default; under a CLS-pooler
     * head, when only outputs are asked for, the last layer is computed for the [CLS] row only, and edits of only
     * the last layer's attention recompute only that row, see {@link LastLayerQueryRows}), or forces the full
     * computation of every layer (above the lowest edit): the oracle in tests, "before" in {@code bench}.
     */
    public void useShortcuts(boolean on) {
        this.shortcuts = on;
    }

    /** The directory this model was loaded from. */
    HfModelDirectory source() {
        return source;
    }

    BertEncoder encoder() {
        return encoder;
    }

    NDManager manager() {
        return base;
    }

    DataType dtype() {
        return dtype;
    }

    /** A padded batch of {@code inputs} in this model's precision, owned by {@code manager}. */
    PaddedBatch batch(NDManager manager, List<TokenizedText> inputs) {
        inputs.forEach(this::checkLength);
        return PaddedBatch.of(manager, inputs, dtype);
    }

    /** Logits {@code [batch, classes]} of a padded batch, no edits, within the caller's manager. */
    NDArray logits(PaddedBatch batch) {
        NDArray x = encoder.embeddingOutput(batch.ids(), encoder.wordEmbeddings(batch.ids()));
        return encoder.logits(upward(x, 0, batch.maskBias(), AttentionHook.NONE), batch.realTokens(), batch.tokenCounts());
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public TokenizedText tokenize(String text, boolean truncate) {
        return tokenizer.tokenize(text, truncate);
    }

    @Override
    public List<ForwardResult> forward(List<TokenizedText> inputs, ForwardOptions options) {
        inputs.forEach(this::checkLength);
        List<ForwardResult> results = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += MAX_BATCH) {
            List<TokenizedText> chunk = inputs.subList(from, Math.min(inputs.size(), from + MAX_BATCH));
            try (NDManager sub = base.newSubManager()) {
                PaddedBatch batch = PaddedBatch.of(sub, chunk, dtype);
                NDArray x = encoder.embeddingOutput(batch.ids(), encoder.wordEmbeddings(batch.ids()));
                if (shortcuts && LastLayerQueryRows.appliesToForward(encoder.config(), options)) {
                    results.addAll(classOutputs(LastLayerQueryRows.logits(encoder, x, batch.maskBias(), scale(sub))));
                    continue;
                }
                Recording recording = new Recording(encoder, options);
                NDArray last = upward(x, 0, batch.maskBias(), recording.hook(List.of()));
                results.addAll(unpack(batch, last, options, recording, null, 0));
            }
        }
        return results;
    }

    @Override
    public List<ForwardResult> forwardEdited(TokenizedText input, List<List<AttentionEdit>> editSets,
                                             ForwardOptions options) {
        checkLength(input);
        editSets.forEach(set -> AttentionEditor.validate(set, info.layers(), info.heads(), input.length()));
        int lowest = AttentionEditor.lowestLayer(editSets, info.layers());
        List<ForwardResult> results = new ArrayList<>(editSets.size());
        try (NDManager sub = base.newSubManager()) {
            PaddedBatch one = PaddedBatch.of(sub, List.of(input), dtype);
            Recording below = new Recording(encoder, options);
            AttentionHook belowHook = below.hook(List.of());
            // Layers under the lowest edit see the same input in every variant: run them once.
            NDArray x = encoder.embeddingOutput(one.ids(), encoder.wordEmbeddings(one.ids()));
            for (int l = 0; l < lowest; l++) {
                x = encoder.layer(l, x, one.maskBias(), scale(sub), belowHook);
            }
            if (shortcuts && LastLayerQueryRows.applies(encoder.config(), editSets, options)) {
                return classOutputs(LastLayerQueryRows.logits(encoder, x, editSets, scale(sub)));
            }
            for (int from = 0; from < editSets.size(); from += MAX_BATCH) {
                List<List<AttentionEdit>> chunk = editSets.subList(from, Math.min(editSets.size(), from + MAX_BATCH));
                try (NDManager chunkManager = sub.newSubManager()) {
                    NDArray xs = x.repeat(0, chunk.size());
                    xs.attach(chunkManager);
                    Recording above = new Recording(encoder, options);
                    NDArray last = upward(xs, lowest, one.maskBias(), above.hook(chunk));
                    PaddedBatch replicated = new PaddedBatch(null, one.maskBias(), one.realTokens(), one.tokenCounts(),
                            repeat(input.length(), chunk.size()), input.length());
                    results.addAll(unpack(replicated, last, options, above, below, lowest));
                }
            }
        }
        return results;
    }

    @Override
    public Gradients gradients(TokenizedText input, GradientRequest request) {
        OutputTarget target = request.target();
        List<AttentionEdit> edits = request.edits();
        requireClassifier(target);
        checkLength(input);
        AttentionEditor.validate(edits, info.layers(), info.heads(), input.length());
        int n = input.length();
        try (NDManager sub = base.newSubManager();
             GradientCollector collector = GradientLock.open(sub)) {
            PaddedBatch one = PaddedBatch.of(sub, List.of(input), dtype);
            NDArray words = encoder.wordEmbeddings(one.ids());
            if (request.embeddingScale() != 1.0) {
                words = words.mul(sub.create(request.embeddingScale()).toType(dtype, false));
            }
            // Zero-add taps: d out / d tap equals d out / d (tapped array); intermediates themselves
            // cannot be marked as requiring gradient (docs/djl-pitfalls.md, 3).
            NDArray embeddingTap = tap(sub, words.getShape());
            NDArray[] attentionTaps = new NDArray[info.layers()];
            AttentionHook hook = (layer, probs) -> {
                NDArray edited = AttentionEditor.apply(probs, layer, List.of(edits));
                if (request.detachAttention()) {
                    edited = edited.stopGradient();
                }
                attentionTaps[layer] = tap(sub, edited.getShape());
                return edited.add(attentionTaps[layer]);
            };
            NDArray x = encoder.embeddingOutput(one.ids(), words.add(embeddingTap));
            NDArray logits = encoder.logits(upward(x, 0, one.maskBias(), hook), one.realTokens(), one.tokenCounts());
            NDArray out = target.kind() == OutputTarget.Kind.PROBABILITY ? logits.softmax(-1) : logits;
            NDArray scalar = out.get(0, target.classIndex());
            collector.backward(scalar);

            double value = scalar.toType(DataType.FLOAT64, false).toDoubleArray()[0];
            double[] grad = embeddingTap.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            double[] emb = words.toType(DataType.FLOAT64, false).toDoubleArray();
            int d = (int) words.getShape().get(2);
            AttentionRecorder grads = new AttentionRecorder(info.layers());
            float[][][][] attentionGrad = new float[info.layers()][][][];
            for (int l = 0; l < info.layers(); l++) {
                grads.record(l, attentionTaps[l].getGradient());
                attentionGrad[l] = grads.layer(l, 0, n);
            }
            return Gradients.of(target, value, grad, emb, n, d, attentionGrad);
        }
    }

    @Override
    public List<double[][]> zeroedValueOutputs(TokenizedText input, int layer, List<int[]> zeroed) {
        checkLength(input);
        return new LayerProbe(encoder, base, dtype).zeroedValueOutputs(input, layer, zeroed);
    }

    @Override
    public List<AttentionBlock> attentionBlocks(TokenizedText input) {
        checkLength(input);
        return new LayerProbe(encoder, base, dtype).attentionBlocks(input);
    }

    /** The last layer's [CLS] row under a [CLS]-reading head ({@link LastLayerReadout}); elsewhere not applicable. */
    @Override
    public org.attnlab.model.AttentionReadout attentionReadout(TokenizedText input, int layer, int row) {
        checkLength(input);
        return LastLayerReadout.open(encoder, base, dtype, info.name(), input, layer, row);
    }

    /**
     * Class logits with {@code offset} ({@code [token][dim]}) added to the word embeddings and
     * {@code edits} applied: the forward that finite-difference checks perturb.
     */
    double[] logitsWithEmbeddingOffset(TokenizedText input, double[][] offset, List<AttentionEdit> edits) {
        requireClassifier(OutputTarget.logit(0));
        try (NDManager sub = base.newSubManager()) {
            PaddedBatch one = PaddedBatch.of(sub, List.of(input), dtype);
            NDArray words = encoder.wordEmbeddings(one.ids());
            double[] flat = new double[(int) words.size()];
            int d = offset[0].length;
            for (int t = 0; t < offset.length; t++) {
                System.arraycopy(offset[t], 0, flat, t * d, d);
            }
            NDArray x = encoder.embeddingOutput(one.ids(), words.add(sub.create(flat, words.getShape()).toType(dtype, false)));
            AttentionHook hook = (layer, probs) -> AttentionEditor.apply(probs, layer, List.of(edits));
            NDArray logits = encoder.logits(upward(x, 0, one.maskBias(), hook), one.realTokens(), one.tokenCounts());
            return logits.toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /** The word embedding of vocabulary entry {@code id}. */
    double[] wordEmbedding(long id) {
        try (NDManager sub = base.newSubManager()) {
            return encoder.wordEmbeddings(sub.create(new long[] {id}, new Shape(1, 1)))
                    .toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    private NDArray upward(NDArray x, int fromLayer, NDArray maskBias, AttentionHook hook) {
        NDArray scale = scale(x.getManager());
        for (int l = fromLayer; l < info.layers(); l++) {
            x = encoder.layer(l, x, maskBias, scale, hook);
        }
        return x;
    }

    private NDArray scale(NDManager manager) {
        return manager.create(1.0 / Math.sqrt(encoder.config().headSize())).toType(dtype, false);
    }

    private NDArray tap(NDManager manager, Shape shape) {
        NDArray z = manager.zeros(shape, dtype);
        z.setRequiresGradient(true);
        return z;
    }

    /**
     * Per-element results. Attention of layers below {@code splitLayer} comes from {@code below}
     * (element 0, shared by all), the rest from {@code above}.
     */
    private List<ForwardResult> unpack(PaddedBatch batch, NDArray last, ForwardOptions options,
                                       Recording above, Recording below, int splitLayer) {
        double[] logits = null;
        double[] probs = null;
        int classes = info.labels().size();
        if (info.isClassifier()) {
            NDArray l = encoder.logits(last, batch.realTokens(), batch.tokenCounts());
            logits = l.toType(DataType.FLOAT64, false).toDoubleArray();
            probs = l.softmax(-1).toType(DataType.FLOAT64, false).toDoubleArray();
        }
        float[] hidden = options.lastHiddenState() ? last.toType(DataType.FLOAT32, false).toFloatArray() : null;
        int d = (int) last.getShape().get(2);
        List<ForwardResult> out = new ArrayList<>(batch.size());
        for (int b = 0; b < batch.size(); b++) {
            int len = batch.lengths()[b];
            float[][][][] attentions = null;
            float[][][][] values = null;
            int headSize = encoder.config().headSize();
            if (options.attentions()) {
                attentions = new float[info.layers()][][][];
                for (int l = 0; l < info.layers(); l++) {
                    attentions[l] = l < splitLayer ? below.attention.layer(l, 0, len) : above.attention.layer(l, b, len);
                }
            }
            if (options.values()) {
                values = new float[info.layers()][][][];
                for (int l = 0; l < info.layers(); l++) {
                    values[l] = l < splitLayer ? below.values.layer(l, 0, len, headSize)
                            : above.values.layer(l, b, len, headSize);
                }
            }
            float[][][] norms = null;
            if (options.transformedNorms()) {
                norms = new float[info.layers()][][];
                for (int l = 0; l < info.layers(); l++) {
                    norms[l] = l < splitLayer ? below.transformedNorms.row(l, 0, len)
                            : above.transformedNorms.row(l, b, len);
                }
            }
            float[][] lastHidden = null;
            if (hidden != null) {
                lastHidden = new float[len][d];
                for (int t = 0; t < len; t++) {
                    System.arraycopy(hidden, (b * batch.width() + t) * d, lastHidden[t], 0, d);
                }
            }
            out.add(new ForwardResult(
                    logits == null ? null : java.util.Arrays.copyOfRange(logits, b * classes, (b + 1) * classes),
                    probs == null ? null : java.util.Arrays.copyOfRange(probs, b * classes, (b + 1) * classes),
                    attentions, lastHidden, values, norms));
        }
        return out;
    }

    /** One output-only result per row of {@code logits [batch, classes]}. */
    private List<ForwardResult> classOutputs(NDArray logits) {
        int classes = info.labels().size();
        double[] l = logits.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] p = logits.softmax(-1).toType(DataType.FLOAT64, false).toDoubleArray();
        List<ForwardResult> out = new ArrayList<>(l.length / classes);
        for (int b = 0; b < l.length / classes; b++) {
            out.add(new ForwardResult(java.util.Arrays.copyOfRange(l, b * classes, (b + 1) * classes),
                    java.util.Arrays.copyOfRange(p, b * classes, (b + 1) * classes), null, null));
        }
        return out;
    }

    private static int[] repeat(int value, int times) {
        int[] a = new int[times];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private void checkLength(TokenizedText input) {
        if (input.length() > info.maxPositions()) {
            throw new IllegalArgumentException("input has " + input.length() + " tokens but " + info.name()
                    + " accepts at most " + info.maxPositions());
        }
        if (input.length() == 0) {
            throw new IllegalArgumentException("input has no tokens");
        }
    }

    private void requireClassifier(OutputTarget target) {
        if (!info.isClassifier()) {
            throw new IllegalStateException(info.name() + " is an encoder without a classification head: it has no class outputs");
        }
        if (target.classIndex() >= info.labels().size()) {
            throw new IllegalArgumentException("class " + target.classIndex() + " does not exist: " + info.name()
                    + " has " + info.labels().size() + " classes " + info.labels());
        }
    }

    @Override
    public void close() {
        tokenizer.close();
        base.close();
    }
}
