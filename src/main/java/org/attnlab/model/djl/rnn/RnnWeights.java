package org.attnlab.model.djl.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.attnlab.model.ModelException;

/**
 * The named parameters of an RNN attention classifier. Names follow PyTorch where there is a PyTorch
 * module ({@code encoder.weight_ih_l0_reverse} as in {@code nn.LSTM}); matrices are {@code [out, in]}.
 *
 * <p>Fresh parameters use PyTorch's default initialisations, drawn from one {@link Random} seeded by
 * the caller, tensor by tensor in {@link #shapes} order: embeddings N(0, 1) with the {@code <pad>} row
 * zero; LSTM/GRU U(-1/sqrt(H), 1/sqrt(H)); linear and convolution weights and biases
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
 */
final class RnnWeights {

    private final Map<String, NDArray> tensors;

    private RnnWeights(Map<String, NDArray> tensors) {
        this.tensors = tensors;
    }

    /** Every parameter with its shape, in initialisation order. */
    static Map<String, Shape> shapes(RnnAttentionConfig c, int vocabularySize) {
        long e = c.embeddingDim();
        long h = c.hiddenSize();
        long o = c.encoderOutputSize();
        Map<String, Shape> m = new LinkedHashMap<>();
        m.put("embedding.weight", new Shape(vocabularySize, e));
        switch (c.encoder()) {
            case BILSTM, BIGRU -> {
                long gates = c.encoder() == RnnAttentionConfig.Encoder.BILSTM ? 4 : 3;
                for (String suffix : new String[] {"_l0", "_l0_reverse"}) {
                    m.put("encoder.weight_ih" + suffix, new Shape(gates * h, e));
                    m.put("encoder.weight_hh" + suffix, new Shape(gates * h, h));
                    m.put("encoder.bias_ih" + suffix, new Shape(gates * h));
                    m.put("encoder.bias_hh" + suffix, new Shape(gates * h));
                }
            }
            case CNN -> {
                for (int k : c.kernelSizes()) {
                    m.put("encoder.conv" + k + ".weight", new Shape(h, e, k));
                    m.put("encoder.conv" + k + ".bias", new Shape(h));
                }
            }
            case AVERAGE -> {
                m.put("encoder.projection.weight", new Shape(h, e));
                m.put("encoder.projection.bias", new Shape(h));
            }
            case NONE -> {
                // the embeddings are the hidden states
            }
        }
        if (c.attention() == RnnAttentionConfig.Attention.ADDITIVE) {
            m.put("attention.proj.weight", new Shape(c.attentionDim(), o));
            m.put("attention.proj.bias", new Shape(c.attentionDim()));
            m.put("attention.v.weight", new Shape(1, c.attentionDim()));
        } else if (c.attention() == RnnAttentionConfig.Attention.DOT) {
            m.put("attention.v.weight", new Shape(1, o));
        }
        m.put("output.weight", new Shape(c.outputUnits(), o));
        m.put("output.bias", new Shape(c.outputUnits()));
        return m;
    }

    /**
     * Fresh parameters, the word embeddings as {@code start} says. The embedding table's random draws
     * happen whatever the start, so every other tensor starts the same for a seed.
     */
    static RnnWeights initialise(RnnAttentionConfig c, int vocabularySize, long seed, NDManager manager,
                                 DataType dtype, EmbeddingStart start) {
        Random random = new Random(seed);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        Map<String, Shape> shapes = shapes(c, vocabularySize);
        for (Map.Entry<String, Shape> entry : shapes.entrySet()) {
            String name = entry.getKey();
            Shape shape = entry.getValue();
            double[] v = new double[Math.toIntExact(shape.size())];
            if (name.equals("embedding.weight")) {
                // Row 0 is <pad>: zero, as nn.Embedding(padding_idx=0) keeps it.
                for (int i = (int) shape.get(1); i < v.length; i++) {
                    v[i] = random.nextGaussian();
                }
                if (start.vectors() != null && start.unitVariance()) {
                    overwriteWithPretrained(v, start.vectors(), (int) shape.get(1));
                } else if (start.vectors() != null) {
                    setRaw(v, start.vectors(), (int) shape.get(1));
                }
                if (start.rms() != null) {
                    scaleToRms(v, (int) shape.get(1), start.rms());
                }
            } else {
                double bound = 1 / Math.sqrt(fanIn(name, shapes, c));
                for (int i = 0; i < v.length; i++) {
                    v[i] = bound * (2 * random.nextDouble() - 1);
                }
            }
            tensors.put(name, named(manager.create(v, shape).toType(dtype, false), name));
        }
        return new RnnWeights(tensors);
    }

    /**
     * Replaces the rows of the words (ids past the specials) that have a pretrained vector, scaled by one
     * factor so that their entries have variance 1 like the N(0, 1) rows they replace. The random draws
     * happen first either way, so the other tensors' start does not depend on the vectors.
     */
    private static void overwriteWithPretrained(double[] table, float[][] wordVectors, int dim) {
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int id = Vocabulary.SPECIALS.size(); id < wordVectors.length; id++) {
            if (wordVectors[id] != null) {
                if (wordVectors[id].length != dim) {
                    throw new IllegalArgumentException("pretrained vectors have " + wordVectors[id].length
                            + " dimensions but embedding_dim is " + dim);
                }
                for (float x : wordVectors[id]) {
                    sum += x;
                    sumSq += (double) x * x;
                    n++;
                }
            }
        }
        if (n < 2) {
            return;
        }
        double mean = sum / n;
        double scale = 1 / Math.sqrt(Math.max(sumSq / n - mean * mean, 1e-12));
        for (int id = Vocabulary.SPECIALS.size(); id < wordVectors.length; id++) {
            if (wordVectors[id] != null) {
                for (int k = 0; k < dim; k++) {
                    table[id * dim + k] = wordVectors[id][k] * scale;
                }
            }
        }
    }

    /** Every row is its vector as given, or zero without one (the random draws happened first either way). */
    private static void setRaw(double[] table, float[][] wordVectors, int dim) {
        java.util.Arrays.fill(table, 0);
        for (int id = 0; id < wordVectors.length; id++) {
            if (wordVectors[id] != null) {
                if (wordVectors[id].length != dim) {
                    throw new IllegalArgumentException("pretrained vectors have " + wordVectors[id].length
                            + " dimensions but embedding_dim is " + dim);
                }
                if (id == Vocabulary.PAD) {
                    continue;
                }
                for (int k = 0; k < dim; k++) {
                    table[id * dim + k] = wordVectors[id][k];
                }
            }
        }
    }

    /**
     * Multiplies the whole table by the one factor that gives the word rows (ids past the specials) that are
     * not all zero entries of root mean square {@code rms}; zero rows stay zero. Nothing to scale: unchanged.
     */
    private static void scaleToRms(double[] table, int dim, double rms) {
        double sumSq = 0;
        long n = 0;
        for (int id = Vocabulary.SPECIALS.size(); id < table.length / dim; id++) {
            double row = 0;
            for (int k = 0; k < dim; k++) {
                row += table[id * dim + k] * table[id * dim + k];
            }
            if (row > 0) {
                sumSq += row;
                n += dim;
            }
        }
        if (n == 0) {
            return;
        }
        double factor = rms / Math.sqrt(sumSq / n);
        for (int i = 0; i < table.length; i++) {
            table[i] *= factor;
        }
    }

    /** PyTorch's fan-in: hidden size for recurrent tensors, the weight's inputs (x kernel width) otherwise. */
    private static double fanIn(String name, Map<String, Shape> shapes, RnnAttentionConfig c) {
        if (name.startsWith("encoder.weight_") || name.startsWith("encoder.bias_")) {
            return c.hiddenSize();
        }
        // A layer's bias uses its weight's fan-in, as torch.nn.Linear and Conv1d do.
        Shape weight = shapes.get(name.endsWith(".bias") ? name.substring(0, name.length() - 4) + "weight" : name);
        return weight.size() / weight.get(0);
    }

    /** Reads {@code file} and checks every tensor against the shapes {@code c} implies. */
    static RnnWeights read(Path file, RnnAttentionConfig c, int vocabularySize, NDManager manager, DataType dtype) {
        Map<String, NDArray> byName = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (NDArray a : NDList.decode(manager, in)) {
                byName.put(a.getName(), a);
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelException(file + ": not a readable safetensors file (" + e.getMessage() + ")", e);
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> want : shapes(c, vocabularySize).entrySet()) {
            NDArray a = byName.remove(want.getKey());
            if (a == null) {
                throw new ModelException(file + ": missing tensor " + want.getKey() + " (config.json describes a "
                        + c.encoder().key + "/" + c.attention().key + " model)");
            }
            if (!a.getShape().equals(want.getValue())) {
                throw new ModelException(file + ": tensor " + want.getKey() + " has shape " + a.getShape()
                        + " but config.json and vocab.json imply " + want.getValue());
            }
            tensors.put(want.getKey(), named(a.getDataType() == dtype ? a : a.toType(dtype, false), want.getKey()));
        }
        if (!byName.isEmpty()) {
            throw new ModelException(file + ": unexpected tensors " + byName.keySet() + " for a " + c.encoder().key
                    + "/" + c.attention().key + " model");
        }
        return new RnnWeights(tensors);
    }

    /** Writes every tensor, in the model's precision, as safetensors. */
    void write(Path file) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file))) {
            new NDList(tensors.values().toArray(new NDArray[0])).encode(os, NDList.Encoding.SAFETENSORS);
        }
    }

    NDArray get(String name) {
        NDArray a = tensors.get(name);
        if (a == null) {
            throw new IllegalStateException("no parameter " + name);
        }
        return a;
    }

    /** Every parameter by name, in {@link #shapes} order. */
    Map<String, NDArray> all() {
        return Collections.unmodifiableMap(tensors);
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }
}
