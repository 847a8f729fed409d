package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import org.attnlab.model.hf.BertConfig;

/**
 * BERT (post-LayerNorm, exact GELU) written as NDArray operations, so that every layer's attention
 * can be read, replaced and differentiated through an {@link AttentionHook}. RoBERTa, DistilBERT and
 * ELECTRA share the layer; their embeddings differ here and their heads in {@link SequenceHead}.
 *
 * <p>Gradient safety: inside a {@code GradientCollector} an operation with a Java number as operand
 * makes a temporary scalar that PyTorch may free before {@code backward()} (docs/djl-pitfalls.md, 2).
 * Every constant here is therefore an NDArray owned by the caller's manager, which outlives backward.
 */
final class BertEncoder {

    private final BertConfig config;
    private final BertWeights w;
    private final float eps;

    BertEncoder(BertConfig config, BertWeights weights) {
        this.config = config;
        this.w = weights;
        this.eps = (float) config.layerNormEps();
    }

    BertConfig config() {
        return config;
    }

    BertWeights weights() {
        return w;
    }

    /** Word (vocabulary) embeddings of {@code ids [batch, n]}: the "input embeddings" gradients refer to. */
    NDArray wordEmbeddings(NDArray ids) {
        return Embedding.embedding(ids, w.get("embeddings.word_embeddings.weight"), SparseFormat.DENSE).head();
    }

    /**
     * Adds position and (where the architecture has them) token-type 0 embeddings to {@code words},
     * the word embeddings of {@code ids [batch, n]}, normalises, and projects to the hidden size where
     * the embeddings are smaller (ELECTRA): the input of layer 0.
     */
    NDArray embeddingOutput(NDArray ids, NDArray words) {
        long n = words.getShape().get(1);
        // Slices go to the caller's manager: a slice owned by the weights' manager would outlive the call.
        NDManager m = words.getManager();
        NDArray table = w.get("embeddings.position_embeddings.weight");
        NDArray x;
        if (config.architecture().positionsFromPadding) {
            // RoBERTa (create_position_ids_from_input_ids): padding_idx + running count of non-padding tokens,
            // padding_idx itself for padding. Right padding leaves the real tokens' positions 1.., unaffected.
            NDArray pad = m.create((long) config.padTokenId());
            NDArray real = ids.neq(pad).toType(DataType.INT64, false);
            NDArray positions = real.cumSum(1).mul(real).add(pad);
            x = words.add(Embedding.embedding(positions, table, SparseFormat.DENSE).head());
        } else {
            x = words.add(table.get(m, new NDIndex("0:" + n)));
        }
        if (config.architecture().hasTokenTypes) {
            x = x.add(w.get("embeddings.token_type_embeddings.weight").get(m, new NDIndex("0:1")));
        }
        x = layerNorm(x, "embeddings.LayerNorm");
        return w.has("embeddings_project.weight") ? dense(x, "embeddings_project") : x;
    }

    /**
     * Additive attention mask {@code [batch, 1, 1, n]}: 0 for real keys, a large negative number for
     * padding, so padded keys get probability exactly 0 after the softmax.
     */
    static NDArray maskBias(NDManager manager, int[] lengths, int n, DataType dtype) {
        double[] bias = new double[lengths.length * n];
        for (int b = 0; b < lengths.length; b++) {
            for (int j = lengths[b]; j < n; j++) {
                bias[b * n + j] = -1e9;
            }
        }
        return manager.create(bias, new Shape(lengths.length, 1, 1, n)).toType(dtype, false);
    }

    /**
     * One transformer layer; {@code scale} is the array {@code 1/sqrt(head size)} in the model's dtype, {@code maskBias}
     * the additive mask or {@code null} when no key is padding.
     */
    NDArray layer(int l, NDArray x, NDArray maskBias, NDArray scale, AttentionHook hook) {
        NDArray[] qkv = queryKeyValue(l, x);
        NDArray q = qkv[0];
        NDArray k = qkv[1];
        NDArray v = qkv[2];
        hook.onValues(l, v);
        // Scaling the queries touches n x headSize numbers per head rather than the n x n scores.
        NDArray scores = q.mul(scale).matMul(k.swapAxes(2, 3));
        if (maskBias != null) {
            scores = scores.add(maskBias);
        }
        NDArray probs = hook.onAttention(l, scores.softmax(-1));
        return afterAttention(l, mergeHeads(probs.matMul(v)), x);
    }

    /**
     * Layer {@code l}'s queries, keys and values of {@code x} as one matrix product (one GEMM instead of three),
     * each {@code [batch, heads, n, headSize]}. The weights are concatenated per call, not cached, so training
     * updates and gradients reach the three weight tensors.
     */
    NDArray[] queryKeyValue(int l, NDArray x) {
        String p = "encoder.layer." + l + ".attention.self.";
        NDManager m = x.getManager();
        // One op each, so no intermediate is left in the weights' manager; the results move to the caller's.
        NDArray weight = NDArrays.concat(new NDList(w.get(p + "query.weight"), w.get(p + "key.weight"),
                w.get(p + "value.weight")), 0);
        weight.attach(m);
        NDArray bias = NDArrays.concat(new NDList(w.get(p + "query.bias"), w.get(p + "key.bias"),
                w.get(p + "value.bias")), 0);
        bias.attach(m);
        NDArray qkv = Linear.linear(x, weight, bias).head();
        Shape s = x.getShape();
        // [batch, n, 3 * hidden] -> [3, batch, heads, n, headSize]
        NDArray split = qkv.reshape(s.get(0), s.get(1), 3, config.heads(), config.headSize()).transpose(2, 0, 3, 1, 4);
        return new NDArray[] {split.get(0), split.get(1), split.get(2)};
    }

    /** Layer {@code l}'s queries of {@code x [batch, rows, hidden]}, as {@code [batch, heads, rows, headSize]}. */
    NDArray query(int l, NDArray x) {
        return heads(dense(x, "encoder.layer." + l + ".attention.self.query"));
    }

    /** Layer {@code l}'s keys of {@code x}, as {@code [batch, heads, n, headSize]}. */
    NDArray key(int l, NDArray x) {
        return heads(dense(x, "encoder.layer." + l + ".attention.self.key"));
    }

    /** Layer {@code l}'s values of {@code x} (bias included), as {@code [batch, heads, n, headSize]}. */
    NDArray value(int l, NDArray x) {
        return heads(dense(x, "encoder.layer." + l + ".attention.self.value"));
    }

    /**
     * The rest of layer {@code l} once attention has mixed the values: attention output dense, residual
     * {@code x}, LayerNorm, feed-forward, residual, LayerNorm. Row-wise: row i of the result depends only on
     * row i of {@code context} and of {@code x} (which broadcasts, e.g. one row against many contexts).
     *
     * @param context the heads' outputs merged, {@code [batch, rows, hidden]}
     */
    NDArray afterAttention(int l, NDArray context, NDArray x) {
        String p = "encoder.layer." + l + ".";
        NDArray attended = layerNorm(dense(context, p + "attention.output.dense").add(x),
                p + "attention.output.LayerNorm");
        NDArray hidden = Activation.gelu(dense(attended, p + "intermediate.dense"));
        return layerNorm(dense(hidden, p + "output.dense").add(attended), p + "output.LayerNorm");
    }

    /**
     * Norms {@code ||f^h(x_j)||} {@code [batch, heads, 1, n]} of layer {@code l}'s value vectors {@code v}
     * ({@code [batch, heads, n, headSize]}, bias included) carried through head h's rows of the attention output
     * dense, {@code f^h(x_j) = v^h_j W_O^h}: the dense's output at query i is {@code b_O + sum_h sum_j
     * alpha^h_ij f^h(x_j)} (Kobayashi et al. 2020). The result belongs to {@code v}'s manager; the
     * {@code [batch, heads, hidden, n]} vectors are freed before returning.
     */
    NDArray transformedNorms(int l, NDArray v) {
        NDManager m = v.getManager();
        int hidden = config.hiddenSize();
        try (NDManager scratch = m.newSubManager()) {
            // HF stores the dense as [out, in]; head h's input columns h*headSize.. are W_O^h transposed.
            NDArray weight = w.get("encoder.layer." + l + ".attention.output.dense.weight");
            NDArray perHead = weight.get(scratch, new NDIndex(":"))
                    .reshape(hidden, config.heads(), config.headSize()).transpose(1, 0, 2);
            // [heads, hidden, headSize] x [batch, heads, headSize, n]: column j is f^h(x_j); the product is scratch's.
            NDArray norms = perHead.matMul(v.swapAxes(2, 3)).norm(new int[] {2}, true);
            norms.attach(m);
            return norms;
        }
    }

    /**
     * Class logits {@code [batch, classes]} from the last hidden state. {@code realTokens} is
     * {@code [batch, n, 1]} with 1 for real tokens, 0 for padding, and {@code tokenCounts}
     * {@code [batch, 1]} their number (both used by mean pooling only).
     */
    NDArray logits(NDArray last, NDArray realTokens, NDArray tokenCounts) {
        return SequenceHead.logits(this, last, realTokens, tokenCounts);
    }

    NDArray dense(NDArray x, String prefix) {
        return Linear.linear(x, w.get(prefix + ".weight"), w.get(prefix + ".bias")).head();
    }

    /** LayerNorm over the last axis, whose size (hidden or, for ELECTRA's embeddings, embedding size) the weight gives. */
    private NDArray layerNorm(NDArray x, String prefix) {
        NDArray gain = w.get(prefix + ".weight");
        return LayerNorm.layerNorm(x, gain.getShape(), gain, w.get(prefix + ".bias"), eps).head();
    }

    /** {@code [batch, n, hidden]} to {@code [batch, heads, n, headSize]}. */
    private NDArray heads(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), config.heads(), config.headSize()).transpose(0, 2, 1, 3);
    }

    /** {@code [batch, heads, n, headSize]} to {@code [batch, n, hidden]}. */
    NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), (long) config.hiddenSize());
    }
}
