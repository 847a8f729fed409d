package org.attnlab.model.hf.onnx;

/**
 * One ONNX {@code AttributeProto}, in the forms BERT exports use: an integer ({@code axis}), an
 * integer list ({@code perm}, {@code axes}) or a tensor ({@code Constant}'s {@code value}). Forms the
 * attribute does not carry are 0, empty or {@code null}; float, string and graph forms are skipped.
 *
 * @param type ONNX {@code AttributeType} code (2 INT, 4 TENSOR, 7 INTS, ...)
 */
public record OnnxAttribute(String name, int type, long i, long[] ints, OnnxTensorData t) {
}
