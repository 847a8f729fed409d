package org.attnlab.model.djl.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Gradients;
import org.attnlab.model.OutputTarget;

/** Copies engine results into the plain arrays of {@link ForwardResult} and {@link Gradients}. */
final class RnnResults {

    private RnnResults() {
    }

    /**
     * One result per row of {@code logits [k, classes]} and {@code alpha [k, width]}; {@code hidden} is
     * {@code [k, width, H]} or {@code [1, width, H]} shared by all rows. Row {@code b} keeps its first
     * {@code lengths[b]} positions.
     */
    static List<ForwardResult> forward(NDArray logits, NDArray alpha, NDArray hidden, int[] lengths, ForwardOptions o) {
        int classes = (int) logits.getShape().get(1);
        double[] l = doubles(logits);
        double[] p = doubles(logits.softmax(-1));
        int width = (int) alpha.getShape().get(1);
        double[] a = o.attentions() ? doubles(alpha) : null;
        // The encoder states are both the "last hidden state" and what attention weights (the values).
        float[] h = o.lastHiddenState() || o.values() ? hidden.toType(DataType.FLOAT32, false).toFloatArray() : null;
        // ||h_j||: what position j adds to the context per unit of attention (norm-based attention).
        float[] norms = o.transformedNorms() ? hidden.norm(new int[] {2}).toType(DataType.FLOAT32, false).toFloatArray()
                : null;
        int size = (int) hidden.getShape().get(2);
        boolean shared = hidden.getShape().get(0) == 1;
        List<ForwardResult> out = new ArrayList<>(lengths.length);
        for (int b = 0; b < lengths.length; b++) {
            int len = lengths[b];
            int row = shared ? 0 : b;
            float[][][][] attentions = a == null ? null
                    : new float[][][][] {{{floats(Arrays.copyOfRange(a, b * width, b * width + len))}}};
            float[][] last = null;
            if (h != null) {
                last = new float[len][];
                for (int t = 0; t < len; t++) {
                    last[t] = Arrays.copyOfRange(h, (row * width + t) * size, (row * width + t + 1) * size);
                }
            }
            float[][][] norm = norms == null ? null
                    : new float[][][] {{Arrays.copyOfRange(norms, row * width, row * width + len)}};
            out.add(new ForwardResult(Arrays.copyOfRange(l, b * classes, (b + 1) * classes),
                    Arrays.copyOfRange(p, b * classes, (b + 1) * classes), attentions,
                    o.lastHiddenState() ? last : null, o.values() ? new float[][][][] {{last}} : null, norm));
        }
        return out;
    }

    /**
     * Gradients after {@code backward(scalar)}: {@code embeddingTap [1, n, d]} and {@code alphaTap [1, n]}
     * hold d scalar / d embeddings and d scalar / d alpha; {@code words} are the (scaled) embeddings.
     */
    static Gradients gradients(OutputTarget target, NDArray scalar, NDArray words, NDArray embeddingTap, NDArray alphaTap) {
        int n = (int) words.getShape().get(1);
        int d = (int) words.getShape().get(2);
        float[][][][] alphaGrad = {{{floats(doubles(alphaTap.getGradient()))}}};
        return Gradients.of(target, doubles(scalar)[0], doubles(embeddingTap.getGradient()), doubles(words), n, d, alphaGrad);
    }

    static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
