package org.attnlab.model.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.attnlab.model.ModelException;
import org.attnlab.model.hf.Architecture;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.HfModelDirectory;
import org.attnlab.io.Directories;

/**
 * Turns an encoder directory into a {@code BertForSequenceClassification} directory with a freshly
 * initialised head (HF's init: weights N(0, 0.02), biases 0; seeded). The encoder's pooler is kept when
 * it has one. The result is written beside {@code target} and moved into place only when complete.
 */
public final class ClassifierHeads {

    /** HF's {@code initializer_range} for BERT. */
    private static final double INIT_STD = 0.02;

    private ClassifierHeads() {
    }

    public static Path addRandomHead(Path encoderDir, List<String> labels, BertConfig.Pooling pooling, long seed,
                                     Path target) {
        if (labels.size() < 2 || new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("labels must be at least two distinct names, got " + labels);
        }
        HfModelDirectory source = new HfModelDirectory(encoderDir).requireComplete();
        BertConfig encoder = BertConfig.read(source.config());
        if (encoder.architecture() != Architecture.BERT) {
            throw new IllegalArgumentException(source.config() + ": adding a head is implemented for BERT encoders only, not "
                    + encoder.architecture().modelType + "; fine-tune a " + encoder.architecture().classifierClass()
                    + " in Hugging Face and load that directory");
        }
        if (encoder.isClassifier()) {
            throw new IllegalArgumentException(source.config() + ": already a classifier (id2label " + encoder.labels() + ")");
        }
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + ": already exists; choose another output directory");
        }
        BertConfig classifier = encoder.withHead(labels, pooling);
        Random random = new Random(seed);
        Path tmp = null;
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            tmp = Directories.stageBeside(target);
            HfModelDirectory out = new HfModelDirectory(tmp);
            NDList tensors;
            try (InputStream in = Files.newInputStream(source.weights())) {
                tensors = NDList.decode(m, in);
            }
            NDList written = new NDList();
            Set<String> names = new HashSet<>();
            for (NDArray a : tensors) {
                String name = BertWeights.canonicalName(a.getName());
                names.add(name);
                a.setName("bert." + name);
                written.add(a);
            }
            long d = classifier.hiddenSize();
            if (pooling == BertConfig.Pooling.CLS_POOLER && !names.contains("pooler.dense.weight")) {
                written.add(named(m, "bert.pooler.dense.weight", gaussian(random, new Shape(d, d)), new Shape(d, d)));
                written.add(named(m, "bert.pooler.dense.bias", new float[(int) d], new Shape(d)));
            }
            Shape w = new Shape(labels.size(), d);
            written.add(named(m, "classifier.weight", gaussian(random, w), w));
            written.add(named(m, "classifier.bias", new float[labels.size()], new Shape(labels.size())));
            try (OutputStream os = Files.newOutputStream(out.weights())) {
                written.encode(os, NDList.Encoding.SAFETENSORS);
            }
            classifier.write(out.config());
            Files.copy(source.tokenizer(), out.tokenizer());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": could not write the classifier directory (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw e instanceof IllegalArgumentException || e instanceof ModelException ? e
                    : new ModelException(source.weights() + ": could not be read as safetensors (" + e.getMessage() + ")", e);
        } finally {
            Directories.deleteQuietly(tmp);
        }
    }

    private static float[] gaussian(Random random, Shape shape) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (INIT_STD * random.nextGaussian());
        }
        return v;
    }

    private static NDArray named(NDManager m, String name, float[] values, Shape shape) {
        NDArray a = m.create(values, shape).toType(DataType.FLOAT32, false);
        a.setName(name);
        return a;
    }
}
