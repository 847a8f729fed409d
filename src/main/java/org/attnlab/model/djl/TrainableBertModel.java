package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.ModelInfo;
import org.attnlab.model.TrainableModel;
import org.attnlab.model.TrainingOptions;
import org.attnlab.model.AttentionBlock;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.hf.Architecture;
import org.attnlab.model.hf.HfModelDirectory;
import org.attnlab.io.Directories;

/**
 * Fine-tuning of a {@link DjlBertModel} classifier: AdamW on the head alone, the head plus the top K
 * layers, or everything. No dropout, so a step is a deterministic function of the batch (given one
 * intra-op thread). Frozen layers build no autograd graph, so freezing also saves their backward cost.
 */
public final class TrainableBertModel implements TrainableModel {

    private final DjlBertModel model;
    private final Map<String, NDArray> trainable;
    private final Optimizer optimizer;

    private TrainableBertModel(DjlBertModel model, Map<String, NDArray> trainable, Optimizer optimizer) {
        this.model = model;
        this.trainable = trainable;
        this.optimizer = optimizer;
    }

    /** Loads the classifier at {@code dir} with the parameters {@code options.trainable()} names set to train. */
    public static TrainableBertModel load(Path dir, TrainingOptions options) {
        DjlBertModel model = DjlBertModel.load(dir);
        if (!model.info().isClassifier()) {
            model.close();
            throw new IllegalArgumentException(dir + ": an encoder; add a classification head before training");
        }
        int layers = model.info().layers();
        int top = options.trainable().equals("head") ? 0
                : options.trainable().equals("all") ? layers
                : Integer.parseInt(options.trainable().substring("top-".length()));
        if (top > layers) {
            model.close();
            throw new IllegalArgumentException("trainable top-" + top + ": the model has only " + layers + " layers");
        }
        Map<String, NDArray> trainable = new LinkedHashMap<>();
        Architecture arch = model.encoder().config().architecture();
        for (Map.Entry<String, NDArray> e : model.encoder().weights().all().entrySet()) {
            if (isTrainable(arch, e.getKey(), top, layers, options.trainable().equals("all"))) {
                e.getValue().setRequiresGradient(true);
                trainable.put(e.getKey(), e.getValue());
            }
        }
        Optimizer adamW = Optimizer.adamW().optLearningRateTracker(Tracker.fixed((float) options.learningRate()))
                .optWeightDecays((float) options.weightDecay()).build();
        return new TrainableBertModel(model, trainable, adamW);
    }

    private static boolean isTrainable(Architecture arch, String name, int top, int layers, boolean all) {
        if (all || arch.isHeadTensor(name)) {
            return true;
        }
        for (int l = layers - top; l < layers; l++) {
            if (name.startsWith("encoder.layer." + l + ".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public double trainStep(List<TokenizedText> inputs, int[] labels) {
        if (labels.length != inputs.size()) {
            throw new IllegalArgumentException("labels=" + labels.length + " inputs=" + inputs.size());
        }
        try (NDManager sub = model.manager().newSubManager();
             GradientCollector collector = GradientLock.open(sub)) {
            clearGradients(sub);
            PaddedBatch batch = model.batch(sub, inputs);
            NDArray logits = model.logits(batch);
            long[] gold = new long[labels.length];
            for (int i = 0; i < labels.length; i++) {
                gold[i] = labels[i];
            }
            NDArray picked = logits.logSoftmax(-1).gather(sub.create(gold, new Shape(labels.length, 1)), 1);
            NDArray loss = picked.mean().neg();
            collector.backward(loss);
            for (Map.Entry<String, NDArray> e : trainable.entrySet()) {
                NDArray grad = e.getValue().getGradient();
                grad.attach(sub);
                optimizer.update(e.getKey(), e.getValue(), grad);
            }
            return loss.toType(DataType.FLOAT64, false).toDoubleArray()[0];
        }
    }

    /**
     * Gradients accumulate across backward calls (training steps, and gradients() taken for
     * explanations between steps): start each step from zero.
     */
    private void clearGradients(NDManager sub) {
        for (NDArray w : trainable.values()) {
            if (w.hasGradient()) {
                NDArray grad = w.getGradient();
                grad.attach(sub);
                grad.subi(grad);
            }
        }
    }

    @Override
    public void save(Path dir) {
        HfModelDirectory source = model.source();
        Path tmp = null;
        try {
            tmp = Directories.stageBeside(dir);
            HfModelDirectory out = new HfModelDirectory(tmp);
            try (NDManager sub = model.manager().newSubManager(); OutputStream os = Files.newOutputStream(out.weights())) {
                NDList list = new NDList();
                for (Map.Entry<String, NDArray> e : model.encoder().weights().all().entrySet()) {
                    NDArray copy = e.getValue().toType(DataType.FLOAT32, true);
                    copy.attach(sub);
                    copy.setName(model.encoder().config().architecture().hfName(e.getKey(), true));
                    list.add(copy);
                }
                list.encode(os, NDList.Encoding.SAFETENSORS);
            }
            model.encoder().config().write(out.config());
            Files.copy(source.tokenizer(), out.tokenizer());
            Directories.replace(tmp, dir);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": could not save the model (" + e.getMessage() + ")", e);
        } finally {
            Directories.deleteQuietly(tmp);
        }
    }

    /** Names of the parameters that train, for the training record. */
    public List<String> trainableParameters() {
        return new ArrayList<>(trainable.keySet());
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public TokenizedText tokenize(String text, boolean truncate) {
        return model.tokenize(text, truncate);
    }

    @Override
    public List<ForwardResult> forward(List<TokenizedText> inputs, ForwardOptions options) {
        return model.forward(inputs, options);
    }

    @Override
    public List<ForwardResult> forwardEdited(TokenizedText input, List<List<AttentionEdit>> editSets,
                                             ForwardOptions options) {
        return model.forwardEdited(input, editSets, options);
    }

    @Override
    public Gradients gradients(TokenizedText input, GradientRequest request) {
        return model.gradients(input, request);
    }

    @Override
    public List<double[][]> zeroedValueOutputs(TokenizedText input, int layer, List<int[]> zeroed) {
        return model.zeroedValueOutputs(input, layer, zeroed);
    }

    @Override
    public List<AttentionBlock> attentionBlocks(TokenizedText input) {
        return model.attentionBlocks(input);
    }

    @Override
    public org.attnlab.model.AttentionReadout attentionReadout(TokenizedText input, int layer, int row) {
        return model.attentionReadout(input, layer, row);
    }

    @Override
    public void close() {
        model.close();
    }
}
