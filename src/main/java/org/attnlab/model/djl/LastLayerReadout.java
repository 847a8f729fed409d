package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionReadout;
import org.attnlab.model.NotApplicableException;
import org.attnlab.model.hf.BertConfig;

/**
 * {@link AttentionReadout} of the last layer's [CLS] row under a head that reads only [CLS]: the part of the network
 * {@link LastLayerQueryRows} computes for edited rows (one row per head against the unedited values, then the
 * rest of the layer and the head), here differentiated by DJL. Everything below the edited row (the layers
 * below, the last layer's values and its input at [CLS]) is computed once, in float or double as the model is,
 * and held in this readout's manager.
 *
 * <p>Gradients (docs/djl-pitfalls.md): the candidate rows are a leaf array created in the model's dtype (a cast
 * of a leaf would not be a leaf), every constant on the way is an array (the encoder's own rule, 2), and one
 * collector is open only for the duration of one {@link #backward} call (4).
 */
final class LastLayerReadout implements AttentionReadout {

    private final BertEncoder encoder;
    private final NDManager manager;
    private final DataType dtype;
    private final NDArray cls;    // the last layer's input at [CLS], [1, 1, hidden]
    private final NDArray values; // the last layer's values, [1, heads, n, headSize]
    private final int heads;
    private final int n;
    private final int classes;

    private LastLayerReadout(BertEncoder encoder, NDManager manager, DataType dtype, NDArray cls, NDArray values, int n) {
        this.encoder = encoder;
        this.manager = manager;
        this.dtype = dtype;
        this.cls = cls;
        this.values = values;
        this.heads = encoder.config().heads();
        this.n = n;
        this.classes = encoder.config().labels().size();
    }

    /** @throws NotApplicableException unless {@code layer} is the last, {@code row} is 0 and the head reads [CLS] only */
    static LastLayerReadout open(BertEncoder encoder, NDManager base, DataType dtype, String model, TokenizedText input,
                                 int layer, int row) {
        BertConfig config = encoder.config();
        int last = config.layers() - 1;
        if (!config.isClassifier() || config.pooling() != BertConfig.Pooling.CLS_POOLER) {
            throw new NotApplicableException(model + " has no classification head that reads the [CLS] position only, "
                    + "so no single attention row determines its output");
        }
        if (layer != last || row != 0) {
            throw new NotApplicableException("a differentiable attention readout exists for the last layer's [CLS] row "
                    + "(layer " + last + ", row 0) of " + model + ", not for layer " + layer + " row " + row
                    + ": below it, every row of the layer feeds the next layer");
        }
        NDManager m = base.newSubManager();
        try (NDManager scratch = m.newSubManager()) {
            PaddedBatch one = PaddedBatch.of(scratch, List.of(input), dtype);
            NDArray scale = scratch.create(1.0 / Math.sqrt(config.headSize())).toType(dtype, false);
            NDArray x = encoder.embeddingOutput(one.ids(), encoder.wordEmbeddings(one.ids()));
            for (int l = 0; l < last; l++) {
                x = encoder.layer(l, x, one.maskBias(), scale, AttentionHook.NONE);
            }
            NDArray cls = x.get(":, 0:1, :");
            NDArray values = encoder.value(last, x);
            cls.attach(m);
            values.attach(m);
            return new LastLayerReadout(encoder, m, dtype, cls, values, input.length());
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    @Override
    public int heads() {
        return heads;
    }

    @Override
    public int keys() {
        return n;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public double[][] probabilities(double[][][] rows) {
        try (NDManager s = manager.newSubManager()) {
            return unflatten(probabilities(rowsArray(s, rows), rows.length), rows.length, classes);
        }
    }

    @Override
    public double[][][] backward(double[][][] rows, double[][] upstream) {
        int k = rows.length;
        if (upstream.length != k) {
            throw new IllegalArgumentException(k + " candidates but " + upstream.length + " upstream gradients");
        }
        try (NDManager s = manager.newSubManager();
             GradientCollector collector = GradientLock.open(s)) {
            NDArray r = rowsArray(s, rows);
            r.setRequiresGradient(true);
            double[] up = new double[k * classes];
            for (int c = 0; c < k; c++) {
                if (upstream[c].length != classes) {
                    throw new IllegalArgumentException("upstream gradient " + c + " has " + upstream[c].length
                            + " classes, the model " + classes);
                }
                System.arraycopy(upstream[c], 0, up, c * classes, classes);
            }
            NDArray weights = s.create(up, new Shape(k, classes)).toType(dtype, false);
            NDArray loss = probabilitiesArray(r, k).mul(weights).sum();
            collector.backward(loss);
            double[] g = r.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            double[][][] out = new double[k][heads][n];
            for (int h = 0; h < heads; h++) {
                for (int c = 0; c < k; c++) {
                    System.arraycopy(g, (h * k + c) * n, out[c][h], 0, n);
                }
            }
            return out;
        }
    }

    private double[] probabilities(NDArray rows, int k) {
        return probabilitiesArray(rows, k).toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** {@code [k, classes]} from rows {@code [1, heads, k, n]}: the candidates take the place of query positions. */
    private NDArray probabilitiesArray(NDArray rows, int k) {
        int last = encoder.config().layers() - 1;
        NDArray context = encoder.mergeHeads(rows.matMul(values));
        NDArray out = encoder.afterAttention(last, context, cls);
        return encoder.logits(out.reshape(k, 1, encoder.config().hiddenSize()), null, null).softmax(-1);
    }

    /** {@code [1, heads, k, n]} in the model's dtype, made directly (a leaf when gradients are wanted). */
    private NDArray rowsArray(NDManager s, double[][][] rows) {
        int k = rows.length;
        double[] flat = new double[heads * k * n];
        for (int c = 0; c < k; c++) {
            if (rows[c].length != heads) {
                throw new IllegalArgumentException("candidate " + c + " has " + rows[c].length + " rows, the layer "
                        + heads + " heads");
            }
            for (int h = 0; h < heads; h++) {
                if (rows[c][h].length != n) {
                    throw new IllegalArgumentException("candidate " + c + " head " + h + " has " + rows[c][h].length
                            + " weights, the input " + n + " tokens");
                }
                System.arraycopy(rows[c][h], 0, flat, (h * k + c) * n, n);
            }
        }
        Shape shape = new Shape(1, heads, k, n);
        if (dtype == DataType.FLOAT64) {
            return s.create(flat, shape);
        }
        float[] f = new float[flat.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) flat[i];
        }
        return s.create(f, shape);
    }

    private static double[][] unflatten(double[] flat, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
