package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionBlock;

/**
 * Per-layer looks inside a {@link BertEncoder} for the context-mixing measures: layer outputs with zeroed value
 * vectors (value zeroing) and each attention block's parts (ALTI). Works within a sub-manager of the model's and
 * hands back Java arrays only.
 */
final class LayerProbe {

    private final BertEncoder encoder;
    private final NDManager base;
    private final DataType dtype;

    LayerProbe(BertEncoder encoder, NDManager base, DataType dtype) {
        this.encoder = encoder;
        this.base = base;
        this.dtype = dtype;
    }

    /**
     * Layer {@code layer}'s output per variant with the value vectors of the variant's tokens zeroed in every head.
     * Zeroing value vector j is done as zeroing attention column j without renormalising: {@code sum_k alpha_ik v_k}
     * with {@code v_j = 0} is the same sum as with {@code alpha_ij = 0}, term for term.
     */
    List<double[][]> zeroedValueOutputs(TokenizedText input, int layer, List<int[]> zeroed) {
        int layers = encoder.config().layers();
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("value zeroing in layer " + layer + ": the model has layers 0.." + (layers - 1));
        }
        int n = input.length();
        for (int[] tokens : zeroed) {
            for (int t : tokens) {
                if (t < 0 || t >= n) {
                    throw new IllegalArgumentException("value zeroing of token " + t + ": the input has tokens 0.." + (n - 1));
                }
            }
        }
        int d = encoder.config().hiddenSize();
        List<double[][]> out = new ArrayList<>(zeroed.size());
        try (NDManager sub = base.newSubManager()) {
            PaddedBatch one = PaddedBatch.of(sub, List.of(input), dtype);
            NDArray scale = scale(sub);
            NDArray x = embeddings(one);
            for (int l = 0; l < layer; l++) {
                x = encoder.layer(l, x, one.maskBias(), scale, AttentionHook.NONE);
            }
            for (int from = 0; from < zeroed.size(); from += DjlBertModel.MAX_BATCH) {
                List<int[]> chunk = zeroed.subList(from, Math.min(zeroed.size(), from + DjlBertModel.MAX_BATCH));
                try (NDManager chunkManager = sub.newSubManager()) {
                    double[] keep = new double[chunk.size() * n];
                    java.util.Arrays.fill(keep, 1.0);
                    for (int v = 0; v < chunk.size(); v++) {
                        for (int t : chunk.get(v)) {
                            keep[v * n + t] = 0;
                        }
                    }
                    NDArray columns = chunkManager.create(keep, new Shape(chunk.size(), 1, 1, n)).toType(dtype, false);
                    NDArray xs = x.repeat(0, chunk.size());
                    xs.attach(chunkManager);
                    AttentionHook zeroColumns = (l, probs) -> l == layer ? probs.mul(columns) : probs;
                    double[] flat = encoder.layer(layer, xs, one.maskBias(), scale, zeroColumns)
                            .toType(DataType.FLOAT64, false).toDoubleArray();
                    for (int v = 0; v < chunk.size(); v++) {
                        double[][] h = new double[n][d];
                        for (int t = 0; t < n; t++) {
                            System.arraycopy(flat, (v * n + t) * d, h[t], 0, d);
                        }
                        out.add(h);
                    }
                }
            }
        }
        return out;
    }

    /** Every layer's attention block of one unedited forward. */
    List<AttentionBlock> attentionBlocks(TokenizedText input) {
        int layers = encoder.config().layers();
        int heads = encoder.config().heads();
        int headSize = encoder.config().headSize();
        int d = encoder.config().hiddenSize();
        int n = input.length();
        double[][][][] attention = new double[layers][][][];
        double[][][][] values = new double[layers][][][];
        AttentionHook recorder = new AttentionHook() {
            @Override
            public NDArray onAttention(int layer, NDArray probs) {
                attention[layer] = cube(probs, heads, n, n);
                return probs;
            }

            @Override
            public void onValues(int layer, NDArray v) {
                values[layer] = cube(v, heads, n, headSize);
            }
        };
        List<AttentionBlock> blocks = new ArrayList<>(layers);
        try (NDManager sub = base.newSubManager()) {
            PaddedBatch one = PaddedBatch.of(sub, List.of(input), dtype);
            NDArray scale = scale(sub);
            NDArray x = embeddings(one);
            for (int l = 0; l < layers; l++) {
                double[][] in = matrix(x.toType(DataType.FLOAT64, false).toDoubleArray(), n, d);
                x = encoder.layer(l, x, one.maskBias(), scale, recorder);
                String p = "encoder.layer." + l + ".attention.output.";
                // HF stores the dense as [out, in]; ALTI wants rows per input unit (per head slice).
                double[][] outIn = matrix(weight(p + "dense.weight"), d, d);
                double[][] inOut = new double[d][d];
                for (int o = 0; o < d; o++) {
                    for (int i = 0; i < d; i++) {
                        inOut[i][o] = outIn[o][i];
                    }
                }
                blocks.add(new AttentionBlock(in, attention[l], values[l], inOut, weight(p + "dense.bias"),
                        weight(p + "LayerNorm.weight"), weight(p + "LayerNorm.bias"), encoder.config().layerNormEps()));
            }
        }
        return blocks;
    }

    /** The input of layer 0. */
    private NDArray embeddings(PaddedBatch batch) {
        return encoder.embeddingOutput(batch.ids(), encoder.wordEmbeddings(batch.ids()));
    }

    /** A weight as doubles, read without making engine arrays (a conversion would belong to the weights' manager). */
    private double[] weight(String name) {
        NDArray w = encoder.weights().get(name);
        if (w.getDataType() == DataType.FLOAT64) {
            return w.toDoubleArray();
        }
        float[] f = w.toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    private NDArray scale(NDManager manager) {
        return manager.create(1.0 / Math.sqrt(encoder.config().headSize())).toType(dtype, false);
    }

    /** {@code [1, a, b, c]} to {@code [a][b][c]} in double precision. */
    private static double[][][] cube(NDArray array, int a, int b, int c) {
        double[] flat = array.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][][] out = new double[a][b][c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(flat, (i * b + j) * c, out[i][j], 0, c);
            }
        }
        return out;
    }

    private static double[][] matrix(double[] flat, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }
}
