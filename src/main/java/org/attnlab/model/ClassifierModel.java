package org.attnlab.model;

import java.util.List;
import org.attnlab.data.TokenizedText;

/**
 * The seam between attnlab's analyses and a model engine: tokenise, run forwards (plain, batched,
 * or with attention edits) and take gradients, for a transformer or an RNN attention model alike.
 * Everything returned is a plain Java array; engine memory never leaves the implementation.
 *
 * <p>Implementations are not thread-safe.
 */
public interface ClassifierModel extends AutoCloseable {

    ModelInfo info();

    /**
     * Tokenises one text with the model's own tokenizer, special tokens included.
     *
     * @param truncate cut the text to the model's maximum length instead of failing
     * @throws IllegalArgumentException for an empty text, or a text too long when not truncating
     */
    TokenizedText tokenize(String text, boolean truncate);

    /** Forward passes of several inputs, batched (padded) by the implementation. */
    List<ForwardResult> forward(List<TokenizedText> inputs, ForwardOptions options);

    /** Forward pass of one input. */
    default ForwardResult forward(TokenizedText input, ForwardOptions options) {
        return forward(List.of(input), options).get(0);
    }

    /**
     * Runs one input once per edit set, as a batch. Layers below the lowest edited layer are computed
     * once and shared. An empty edit set gives the unedited forward.
     */
    List<ForwardResult> forwardEdited(TokenizedText input, List<List<AttentionEdit>> editSets,
                                      ForwardOptions options);

    /**
     * Gradients of one output scalar w.r.t. the input embeddings and every layer's attention, under
     * the request's edits, detachment and embedding scale.
     */
    Gradients gradients(TokenizedText input, GradientRequest request);

    /** Plain gradients of {@code target}. */
    default Gradients gradients(TokenizedText input, OutputTarget target) {
        return gradients(input, GradientRequest.of(target));
    }

    /**
     * Value zeroing (Mohebbi et al. 2023): the output hidden states of layer {@code layer} (after its feed-forward
     * part), once per variant, where variant v has the value vectors of the tokens {@code zeroed.get(v)} set to
     * zero in every head of that layer. The layer's input is the unedited output of the layer below, computed once.
     * An empty array gives the unedited output.
     *
     * @return per variant, {@code [token][hidden]}
     * @throws NotApplicableException for models without self-attention value vectors per layer (RNN attention models)
     */
    default List<double[][]> zeroedValueOutputs(TokenizedText input, int layer, List<int[]> zeroed) {
        throw new NotApplicableException(info().name() + " (" + info().architecture()
                + ") has no self-attention layers whose value vectors could be zeroed");
    }

    /**
     * Every layer's self-attention block for one unedited input, with the weights that decompose its output per
     * token (what ALTI needs).
     *
     * @throws NotApplicableException for models that are not post-LayerNorm transformers (RNN attention models)
     */
    default List<AttentionBlock> attentionBlocks(TokenizedText input) {
        throw new NotApplicableException(info().name() + " (" + info().architecture()
                + ") has no post-LayerNorm self-attention blocks to decompose");
    }

    /**
     * The class probabilities of {@code input} as a differentiable function of query row {@code row} of layer
     * {@code layer}'s attention, every head's row free (see {@link AttentionReadout}).
     *
     * @throws NotApplicableException where the model cannot offer it (which layers and rows can, depends on the
     *                                implementation; the message says why)
     */
    default AttentionReadout attentionReadout(TokenizedText input, int layer, int row) {
        throw new NotApplicableException(info().name() + " (" + info().architecture()
                + ") offers no differentiable readout of an attention row");
    }

    @Override
    void close();
}
