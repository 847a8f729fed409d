package org.attnlab.explain;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.special.Erf;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.HfModelDirectory;

/**
 * A tiny BERT classifier (hidden 8, 2 heads, CLS pooler) with seeded random weights written as an HF directory with
 * MiniLM's real tokenizer, and the same network computed here in plain double precision straight from the weights,
 * as BERT defines it: the oracle the context-mixing measures are checked against. The reference can zero value
 * vectors of one layer and mask keys in every layer.
 */
final class TinyBert {

    static final int VOCAB = 30522;
    static final int HIDDEN = 8;
    static final int HEADS = 2;
    static final int FFN = 16;
    static final int POSITIONS = 64;
    static final double EPS = 1e-12;

    final Path dir;
    final int layers;
    /** Weights by HF name, each as written: matrices [out][in] flattened row-major. */
    final Map<String, double[]> w = new LinkedHashMap<>();

    private TinyBert(Path dir, int layers) {
        this.dir = dir;
        this.layers = layers;
    }

    static TinyBert write(Path dir, int layers, long seed) throws IOException {
        TinyBert b = new TinyBert(dir, layers);
        Files.createDirectories(dir);
        HfModelDirectory d = new HfModelDirectory(dir);
        new BertConfig(VOCAB, HIDDEN, layers, HEADS, FFN, POSITIONS, 2, EPS, "gelu", List.of("neg", "pos"),
                BertConfig.Pooling.CLS_POOLER).write(d.config());
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.word_embeddings.weight", new long[] {VOCAB, HIDDEN});
        shapes.put("embeddings.position_embeddings.weight", new long[] {POSITIONS, HIDDEN});
        shapes.put("embeddings.token_type_embeddings.weight", new long[] {2, HIDDEN});
        norm(shapes, "embeddings.LayerNorm");
        for (int l = 0; l < layers; l++) {
            String p = "encoder.layer." + l + ".";
            dense(shapes, p + "attention.self.query", HIDDEN, HIDDEN);
            dense(shapes, p + "attention.self.key", HIDDEN, HIDDEN);
            dense(shapes, p + "attention.self.value", HIDDEN, HIDDEN);
            dense(shapes, p + "attention.output.dense", HIDDEN, HIDDEN);
            norm(shapes, p + "attention.output.LayerNorm");
            dense(shapes, p + "intermediate.dense", FFN, HIDDEN);
            dense(shapes, p + "output.dense", HIDDEN, FFN);
            norm(shapes, p + "output.LayerNorm");
        }
        dense(shapes, "pooler.dense", HIDDEN, HIDDEN);
        dense(shapes, "classifier", 2, HIDDEN);
        Random random = new Random(seed);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             OutputStream out = Files.newOutputStream(d.weights())) {
            NDList list = new NDList();
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                long size = 1;
                for (long s : e.getValue()) {
                    size *= s;
                }
                boolean gain = e.getKey().endsWith("LayerNorm.weight");
                double[] v = new double[(int) size];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (gain ? 1.0 : 0.0) + 0.5 * random.nextGaussian();
                }
                b.w.put(e.getKey(), v);
                NDArray a = m.create(v, new Shape(e.getValue()));
                a.setName(e.getKey());
                list.add(a);
            }
            list.encode(out, NDList.Encoding.SAFETENSORS);
        }
        try (InputStream in = TinyBert.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, d.tokenizer());
        }
        return b;
    }

    /** What the reference forward exposes besides the class probabilities. */
    record Trace(double[] probabilities, double[][][] layerInputs, double[][][][] attention, double[][][] layerOutputs) {
    }

    /** The reference forward of {@code ids}, unedited. */
    Trace forward(long[] ids) {
        return forward(ids, -1, -1, new boolean[ids.length]);
    }

    /**
     * The reference forward of {@code ids} where, in layer {@code zeroLayer}, token {@code zeroToken}'s value vector
     * is zero in every head (none when negative), and keys marked in {@code masked} get no attention in any layer
     * (the softmax over the other keys).
     */
    Trace forward(long[] ids, int zeroLayer, int zeroToken, boolean[] masked) {
        int n = ids.length;
        double[][] x = new double[n][HIDDEN];
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < HIDDEN; k++) {
                x[t][k] = w.get("embeddings.word_embeddings.weight")[(int) ids[t] * HIDDEN + k]
                        + w.get("embeddings.position_embeddings.weight")[t * HIDDEN + k]
                        + w.get("embeddings.token_type_embeddings.weight")[k];
            }
            x[t] = layerNorm(x[t], "embeddings.LayerNorm");
        }
        double[][][] inputs = new double[layers][][];
        double[][][] outputs = new double[layers][][];
        double[][][][] attention = new double[layers][HEADS][n][n];
        int dh = HIDDEN / HEADS;
        for (int l = 0; l < layers; l++) {
            inputs[l] = x;
            String p = "encoder.layer." + l + ".";
            double[][] q = dense(x, p + "attention.self.query");
            double[][] k = dense(x, p + "attention.self.key");
            double[][] v = dense(x, p + "attention.self.value");
            if (l == zeroLayer && zeroToken >= 0) {
                v[zeroToken] = new double[HIDDEN];
            }
            double[][] context = new double[n][HIDDEN];
            for (int h = 0; h < HEADS; h++) {
                for (int i = 0; i < n; i++) {
                    double[] s = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        for (int c = h * dh; c < (h + 1) * dh; c++) {
                            s[j] += q[i][c] * k[j][c];
                        }
                        s[j] /= Math.sqrt(dh);
                        if (!masked[j]) {
                            max = Math.max(max, s[j]);
                        }
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        s[j] = masked[j] ? 0 : Math.exp(s[j] - max);
                        sum += s[j];
                    }
                    for (int j = 0; j < n; j++) {
                        attention[l][h][i][j] = s[j] / sum;
                        for (int c = h * dh; c < (h + 1) * dh; c++) {
                            context[i][c] += attention[l][h][i][j] * v[j][c];
                        }
                    }
                }
            }
            double[][] attended = dense(context, p + "attention.output.dense");
            for (int t = 0; t < n; t++) {
                for (int c = 0; c < HIDDEN; c++) {
                    attended[t][c] += x[t][c];
                }
                attended[t] = layerNorm(attended[t], p + "attention.output.LayerNorm");
            }
            double[][] inner = dense(attended, p + "intermediate.dense");
            for (double[] row : inner) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = 0.5 * row[c] * (1 + Erf.erf(row[c] / Math.sqrt(2)));
                }
            }
            double[][] out = dense(inner, p + "output.dense");
            for (int t = 0; t < n; t++) {
                for (int c = 0; c < HIDDEN; c++) {
                    out[t][c] += attended[t][c];
                }
                out[t] = layerNorm(out[t], p + "output.LayerNorm");
            }
            outputs[l] = out;
            x = out;
        }
        double[] pooled = dense(new double[][] {x[0]}, "pooler.dense")[0];
        for (int c = 0; c < pooled.length; c++) {
            pooled[c] = Math.tanh(pooled[c]);
        }
        double[] logits = dense(new double[][] {pooled}, "classifier")[0];
        double max = Math.max(logits[0], logits[1]);
        double e0 = Math.exp(logits[0] - max);
        double e1 = Math.exp(logits[1] - max);
        return new Trace(new double[] {e0 / (e0 + e1), e1 / (e0 + e1)}, inputs, attention, outputs);
    }

    /** {@code x W^T + b} with the HF [out][in] weight {@code prefix.weight}. */
    double[][] dense(double[][] x, String prefix) {
        double[] weight = w.get(prefix + ".weight");
        double[] bias = w.get(prefix + ".bias");
        int out = bias.length;
        int in = weight.length / out;
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                for (int i = 0; i < in; i++) {
                    s += weight[o * in + i] * x[t][i];
                }
                y[t][o] = s;
            }
        }
        return y;
    }

    double[] layerNorm(double[] u, String prefix) {
        double mean = 0;
        for (double v : u) {
            mean += v;
        }
        mean /= u.length;
        double var = 0;
        for (double v : u) {
            var += (v - mean) * (v - mean);
        }
        var /= u.length;
        double[] out = new double[u.length];
        for (int c = 0; c < u.length; c++) {
            out[c] = w.get(prefix + ".weight")[c] * (u[c] - mean) / Math.sqrt(var + EPS) + w.get(prefix + ".bias")[c];
        }
        return out;
    }

    private static void dense(Map<String, long[]> shapes, String prefix, int out, int in) {
        shapes.put(prefix + ".weight", new long[] {out, in});
        shapes.put(prefix + ".bias", new long[] {out});
    }

    private static void norm(Map<String, long[]> shapes, String prefix) {
        shapes.put(prefix + ".weight", new long[] {HIDDEN});
        shapes.put(prefix + ".bias", new long[] {HIDDEN});
    }
}
