package org.attnlab.model.hf.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.attnlab.model.ModelException;

/**
 * Turns a float32 ONNX model into the same computation in float64, at the protobuf wire level, so
 * that a runtime can execute it where float32 rounding would hide differences between two
 * implementations. Every FLOAT becomes DOUBLE: initializers and {@code Constant}/{@code ConstantOfShape}
 * tensors (widened exactly, so each weight keeps its float32 value), the element types of graph
 * inputs, outputs and {@code value_info}, and {@code Cast(to=FLOAT)} / {@code dtype=FLOAT} attributes.
 * Subgraphs are converted the same way; every other field is copied byte for byte.
 *
 * <p>{@code Erf} nodes are replaced by {@link ErfSeries}, an equivalent subgraph of elementary ops,
 * because ONNX Runtime's CPU provider implements {@code Erf} for float only.
 */
public final class OnnxPrecision {

    private static final String SOURCE = "ONNX model bytes";
    private static final int LEN = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private final Map<Float, Double> scalarLiterals;

    private OnnxPrecision(Map<Float, Double> scalarLiterals) {
        this.scalarLiterals = scalarLiterals;
    }

    /**
     * The float64 version of {@code model}, every float widened exactly.
     *
     * @throws ModelException when the bytes are not an ONNX model, or hold sparse or external tensors
     */
    public static byte[] toFloat64(byte[] model) {
        return toFloat64(model, Map.of());
    }

    /**
     * The float64 version of {@code model}, where a scalar (rank-0) float tensor whose value is a key of
     * {@code scalarLiterals} becomes the mapped double instead. Exporters write the literals of a model's
     * Python code, evaluated in double (e.g. {@code math.sqrt(head_size)}), as float32 scalars; a caller who
     * knows the code restores them so that the float64 graph computes what the model computes in float64.
     *
     * @throws IllegalArgumentException when a key is not the float32 rounding of its value
     * @throws ModelException when the bytes are not an ONNX model, or hold sparse or external tensors
     */
    public static byte[] toFloat64(byte[] model, Map<Float, Double> scalarLiterals) {
        scalarLiterals.forEach((rounded, exact) -> {
            if (rounded != exact.floatValue()) {
                throw new IllegalArgumentException("scalar literal " + exact + " rounds to " + exact.floatValue()
                        + " in float32, not " + rounded);
            }
        });
        OnnxReader.read(model, SOURCE); // one clear error for bytes that are not a model at all
        OnnxPrecision converter = new OnnxPrecision(Map.copyOf(scalarLiterals));
        try {
            return edit(model, (tag, in, out) -> replaceMessage(tag, 7, in, out, converter::graph));
        } catch (IOException e) {
            throw new ModelException(SOURCE + ": protobuf decoding failed while widening to float64 (" + e.getMessage()
                    + "); expected a protobuf-encoded ONNX ModelProto", e);
        }
    }

    private byte[] graph(byte[] graph) throws IOException {
        return edit(graph, (tag, in, out) -> switch (WireFormat.getTagFieldNumber(tag)) {
            case 1 -> {
                if (WireFormat.getTagWireType(tag) != LEN) {
                    yield false;
                }
                byte[] node = in.readByteArray();
                String opType = stringField(node, 4);
                if (opType.equals("Erf") && stringField(node, 7).isEmpty()) { // the default ONNX domain
                    ErfSeries.write(stringField(node, 3), stringField(node, 1), stringField(node, 2), out);
                } else {
                    out.writeByteArray(1, edit(node, (t, i, o) -> replaceMessage(t, 5, i, o, a -> attribute(a, opType))));
                }
                yield true;
            }
            case 5 -> replaceMessage(tag, 5, in, out, this::tensor);
            case 11, 12, 13 -> replaceMessage(tag, WireFormat.getTagFieldNumber(tag), in, out,
                    v -> edit(v, (t, i, o) -> replaceMessage(t, 2, i, o, OnnxPrecision::type)));
            case 15 -> throw new ModelException(SOURCE + ": the graph has sparse initializers; expected dense ones only");
            default -> false;
        });
    }

    /** AttributeProto: t = 5, g = 6, tensors = 10, graphs = 11, and the element type in i = 3 of Cast's "to". */
    private byte[] attribute(byte[] attribute, String opType) throws IOException {
        String name = stringField(attribute, 1);
        boolean elementType = (opType.equals("Cast") && name.equals("to")) || name.equals("dtype");
        return edit(attribute, (tag, in, out) -> switch (WireFormat.getTagFieldNumber(tag)) {
            case 3 -> elementType && replaceElementType(tag, in, out);
            case 5, 10 -> replaceMessage(tag, WireFormat.getTagFieldNumber(tag), in, out, this::tensor);
            case 6, 11 -> replaceMessage(tag, WireFormat.getTagFieldNumber(tag), in, out, this::graph);
            case 22, 23 -> throw new ModelException(SOURCE + ": attribute '" + name + "' holds a sparse tensor;"
                    + " expected dense tensors only");
            default -> false;
        });
    }

    /** A FLOAT TensorProto is re-encoded as DOUBLE raw_data; every other tensor is kept as it is. */
    private byte[] tensor(byte[] tensor) throws IOException {
        OnnxTensorData t = OnnxReader.readTensor(tensor, SOURCE);
        if (t.dataType() != OnnxTensorData.FLOAT) {
            return tensor;
        }
        float[] values = t.floats();
        ByteBuffer doubles = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            doubles.putDouble(t.rank() == 0 ? scalarLiterals.getOrDefault(v, (double) v) : v);
        }
        byte[] kept = edit(tensor, (tag, in, out) -> switch (WireFormat.getTagFieldNumber(tag)) {
            case 2, 4, 9 -> { // data_type, float_data, raw_data: replaced below
                in.skipField(tag);
                yield true;
            }
            default -> false;
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(kept.length + doubles.capacity() + 16);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeRawBytes(kept);
        out.writeInt32(2, OnnxTensorData.DOUBLE);
        out.writeByteArray(9, doubles.array());
        out.flush();
        return bytes.toByteArray();
    }

    /** TypeProto: tensor_type = 1 and sparse_tensor_type = 8 hold elem_type = 1; sequence, optional and map nest. */
    private static byte[] type(byte[] type) throws IOException {
        return edit(type, (tag, in, out) -> switch (WireFormat.getTagFieldNumber(tag)) {
            case 1, 8 -> replaceMessage(tag, WireFormat.getTagFieldNumber(tag), in, out,
                    tensorType -> edit(tensorType, (t, i, o) -> WireFormat.getTagFieldNumber(t) == 1
                            && replaceElementType(t, i, o)));
            case 4, 9 -> replaceMessage(tag, WireFormat.getTagFieldNumber(tag), in, out,
                    nested -> edit(nested, (t, i, o) -> replaceMessage(t, 1, i, o, OnnxPrecision::type)));
            case 5 -> replaceMessage(tag, 5, in, out,
                    map -> edit(map, (t, i, o) -> replaceMessage(t, 2, i, o, OnnxPrecision::type)));
            default -> false;
        });
    }

    private static boolean replaceElementType(int tag, CodedInputStream in, CodedOutputStream out) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_VARINT) {
            return false;
        }
        long type = in.readInt64();
        out.writeInt64(WireFormat.getTagFieldNumber(tag), type == OnnxTensorData.FLOAT ? OnnxTensorData.DOUBLE : type);
        return true;
    }

    private interface MessageEdit {
        byte[] apply(byte[] payload) throws IOException;
    }

    /** When {@code tag} is the length-delimited field {@code field}: writes it back with its payload edited. */
    private static boolean replaceMessage(int tag, int field, CodedInputStream in, CodedOutputStream out,
                                          MessageEdit edit) throws IOException {
        if (WireFormat.getTagFieldNumber(tag) != field || WireFormat.getTagWireType(tag) != LEN) {
            return false;
        }
        out.writeByteArray(field, edit.apply(in.readByteArray()));
        return true;
    }

    /** Decides one field: writes its replacement and returns true, or returns false without reading it. */
    private interface FieldEdit {
        boolean apply(int tag, CodedInputStream in, CodedOutputStream out) throws IOException;
    }

    /** Copies {@code message} field by field, letting {@code edit} replace fields; the rest are copied verbatim. */
    private static byte[] edit(byte[] message, FieldEdit edit) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        in.setSizeLimit(Integer.MAX_VALUE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 * message.length + 64); // floats may double
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        int start = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (!edit.apply(tag, in, out)) {
                in.skipField(tag);
                out.writeRawBytes(message, start, in.getTotalBytesRead() - start);
            }
            start = in.getTotalBytesRead();
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** The first value of string field {@code field} of {@code message}, or "" when absent. */
    private static String stringField(byte[] message, int field) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        in.setSizeLimit(Integer.MAX_VALUE);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == field && WireFormat.getTagWireType(tag) == LEN) {
                return in.readString();
            }
            in.skipField(tag);
        }
        return "";
    }
}
