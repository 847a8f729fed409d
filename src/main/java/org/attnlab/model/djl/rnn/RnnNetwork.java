package org.attnlab.model.djl.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward computation of an RNN attention classifier as NDArray operations, split where the
 * papers' analyses cut it: embeddings, encoder hidden states, attention weights alpha, and the output
 * from (alpha, hidden states), so edited alphas can reuse hidden states computed once.
 *
 * <p>Every operation has an input array (never a weight) as first operand, so results belong to the
 * caller's per-call manager; constants are arrays in that manager, never Java numbers (docs/djl-pitfalls.md,
 * pitfall 2).
 */
final class RnnNetwork {

    private final RnnAttentionConfig config;
    private final RnnWeights w;

    RnnNetwork(RnnAttentionConfig config, RnnWeights weights) {
        this.config = config;
        this.w = weights;
    }

    RnnAttentionConfig config() {
        return config;
    }

    RnnWeights weights() {
        return w;
    }

    /** Word embeddings {@code [batch, width, embeddingDim]}: the "input embeddings" of gradients. */
    NDArray embed(NDArray ids) {
        return Embedding.embedding(ids, w.get("embedding.weight"), SparseFormat.DENSE).head();
    }

    /** Hidden states {@code [batch, width, encoderOutputSize]}; rows past an input's length are junk. */
    NDArray encode(NDArray x, RnnBatch batch) {
        return switch (config.encoder()) {
            case BILSTM, BIGRU -> {
                NDArray forward = recurrent(x, "_l0");
                NDArray backward = reverse(recurrent(reverse(x, batch), "_l0_reverse"), batch);
                yield NDArrays.concat(new NDList(forward, backward), 2);
            }
            case CNN -> convolutions(x, batch);
            case AVERAGE -> Linear.linear(x, w.get("encoder.projection.weight"), w.get("encoder.projection.bias"))
                    .head().tanh();
            case NONE -> x;
        };
    }

    /** Attention {@code [batch, width]}: masked softmax of the scores over attendable positions. */
    NDArray alpha(NDArray hidden, RnnBatch batch) {
        if (config.attention() == RnnAttentionConfig.Attention.UNIFORM) {
            // All scores 0: the softmax of the mask alone is 1/n at the n attendable positions, 0 elsewhere.
            return batch.attendBias().softmax(-1);
        }
        NDArray scores;
        if (config.attention() == RnnAttentionConfig.Attention.ADDITIVE) {
            NDArray t = Linear.linear(hidden, w.get("attention.proj.weight"), w.get("attention.proj.bias")).head().tanh();
            scores = Linear.linear(t, w.get("attention.v.weight")).head().squeeze(2);
        } else {
            NDArray scale = hidden.getManager().create(1 / Math.sqrt(config.encoderOutputSize()))
                    .toType(hidden.getDataType(), false);
            scores = Linear.linear(hidden, w.get("attention.v.weight")).head().squeeze(2).mul(scale);
        }
        return scores.add(batch.attendBias()).softmax(-1);
    }

    /**
     * Logits {@code [k, classes]} of the contexts {@code sum_t alpha[i, t] hidden[i, t]}; {@code hidden}
     * is {@code [k, width, H]} or {@code [1, width, H]}, shared by every alpha row.
     */
    NDArray logits(NDArray alpha, NDArray hidden) {
        NDArray context = alpha.expandDims(1).matMul(hidden).squeeze(1);
        NDArray out = Linear.linear(context, w.get("output.weight"), w.get("output.bias")).head();
        if (config.output() == RnnAttentionConfig.Output.SIGMOID) {
            // Logits (0, z): softmax gives (1 - sigmoid(z), sigmoid(z)), Jain & Wallace's sigmoid head.
            return NDArrays.concat(new NDList(out.zerosLike(), out), 1);
        }
        return out;
    }

    /** One direction of the RNN over right-padded {@code x}, zero initial state. */
    private NDArray recurrent(NDArray x, String suffix) {
        NDManager m = x.getManager();
        NDList params = new NDList(w.get("encoder.weight_ih" + suffix), w.get("encoder.weight_hh" + suffix),
                w.get("encoder.bias_ih" + suffix), w.get("encoder.bias_hh" + suffix));
        Shape state = new Shape(1, x.getShape().get(0), config.hiddenSize());
        NDArray h0 = m.zeros(state, x.getDataType());
        if (config.encoder() == RnnAttentionConfig.Encoder.BILSTM) {
            NDList hx = new NDList(h0, m.zeros(state, x.getDataType()));
            return x.getNDArrayInternal().lstm(x, hx, params, true, 1, 0, false, false, true).head();
        }
        return x.getNDArrayInternal().gru(x, h0, params, true, 1, 0, false, false, true).head();
    }

    /** Each input reversed within its length (an involution): row gather through the embedding op. */
    private static NDArray reverse(NDArray x, RnnBatch batch) {
        Shape s = x.getShape();
        NDArray rows = x.reshape(s.get(0) * s.get(1), s.get(2));
        return Embedding.embedding(batch.reverseIndex(), rows, SparseFormat.DENSE).head();
    }

    /**
     * Same-padded convolutions of every kernel width, concatenated, ReLU. Padding positions are zeroed
     * first so a real token near the end sees zeros, exactly as the unpadded input's own padding.
     */
    private NDArray convolutions(NDArray x, RnnBatch batch) {
        NDArray channels = x.mul(batch.realTokens()).transpose(0, 2, 1);
        List<NDArray> maps = new ArrayList<>();
        for (int k : config.kernelSizes()) {
            maps.add(Conv1d.conv1d(channels, w.get("encoder.conv" + k + ".weight"), w.get("encoder.conv" + k + ".bias"),
                    new Shape(1), new Shape((k - 1) / 2), new Shape(1), 1).head());
        }
        return Activation.relu(NDArrays.concat(new NDList(maps.toArray(new NDArray[0])), 1).transpose(0, 2, 1));
    }
}
