package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.attnlab.model.hf.BertConfig;

/**
 * The sequence-classification heads of the BERT-family architectures, from the last hidden state
 * {@code [batch, n, hidden]} to class logits {@code [batch, classes]}, as Hugging Face runs them at
 * inference (dropout off). Every head reads the first token ([CLS] / {@code <s>}) except attnlab's
 * mean pooling for BERT.
 */
final class SequenceHead {

    private SequenceHead() {
    }

    /**
     * {@code realTokens} is {@code [batch, n, 1]} with 1 for real tokens, 0 for padding, and
     * {@code tokenCounts} {@code [batch, 1]} their number (both used by mean pooling only).
     */
    static NDArray logits(BertEncoder encoder, NDArray last, NDArray realTokens, NDArray tokenCounts) {
        BertConfig config = encoder.config();
        return switch (config.architecture().head) {
            case BERT_POOLER -> {
                NDArray pooled = config.pooling() == BertConfig.Pooling.CLS_POOLER
                        ? encoder.dense(first(last), "pooler.dense").tanh()
                        : last.mul(realTokens).sum(new int[] {1}).div(tokenCounts);
                yield encoder.dense(pooled, "classifier");
            }
            case DENSE_TANH -> encoder.dense(encoder.dense(first(last), "classifier.dense").tanh(), "classifier.out_proj");
            // ElectraClassificationHead uses GELU here where BERT's pooler uses tanh.
            case DENSE_GELU -> encoder.dense(Activation.gelu(encoder.dense(first(last), "classifier.dense")),
                    "classifier.out_proj");
            case PRE_CLASSIFIER_RELU -> encoder.dense(Activation.relu(encoder.dense(first(last), "pre_classifier")),
                    "classifier");
        };
    }

    private static NDArray first(NDArray last) {
        return last.get(":, 0, :");
    }
}
