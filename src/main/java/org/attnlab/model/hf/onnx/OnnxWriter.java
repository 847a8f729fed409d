package org.attnlab.model.hf.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Edits ONNX model bytes at the wire level. The only edit is {@link #withExtraOutputs}: exposing
 * intermediate tensors (e.g. attention probabilities) as graph outputs so a runtime returns them.
 */
public final class OnnxWriter {

    private static final String SOURCE = "ONNX model bytes";
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_OUTPUT = 12;

    private OnnxWriter() {
    }

    /**
     * Returns {@code model} with {@code tensorNames} appended to the graph's outputs, each declared as
     * a FLOAT tensor of unspecified shape. Everything else is copied byte for byte; appending to a
     * repeated field of the graph message is valid protobuf, so the original outputs keep their order.
     *
     * @throws IllegalArgumentException when a name is not a tensor of the graph or already an output
     */
    public static byte[] withExtraOutputs(byte[] model, List<String> tensorNames) {
        OnnxGraph graph = OnnxReader.read(model, SOURCE);
        Set<String> seen = new HashSet<>(graph.outputs());
        for (String name : tensorNames) {
            if (!graph.hasTensor(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a tensor of the ONNX graph");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("'" + name + "' is already a graph output");
            }
        }
        try {
            return splice(model, encodeOutputs(tensorNames));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Graph field 12 entries: ValueInfoProto{name=1, type=2: TypeProto{tensor_type=1: {elem_type=1}}}. */
    private static byte[] encodeOutputs(List<String> names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        byte[] tensorType = message(o -> o.writeInt32(1, OnnxTensorData.FLOAT));
        byte[] typeProto = message(o -> o.writeByteArray(1, tensorType));
        for (String name : names) {
            out.writeByteArray(GRAPH_OUTPUT, message(o -> {
                o.writeString(1, name);
                o.writeByteArray(2, typeProto);
            }));
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** Copies {@code model}, re-framing the graph field so its payload ends with {@code extra}. */
    private static byte[] splice(byte[] model, byte[] extra) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(model);
        in.setSizeLimit(Integer.MAX_VALUE);
        int tagStart = in.getTotalBytesRead();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH) {
                int length = in.readRawVarint32();
                int payloadStart = in.getTotalBytesRead();
                int payloadEnd = payloadStart + length;
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(model.length + extra.length + 16);
                bytes.write(model, 0, tagStart);
                CodedOutputStream frame = CodedOutputStream.newInstance(bytes);
                frame.writeTag(MODEL_GRAPH, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                frame.writeUInt32NoTag(length + extra.length);
                frame.flush();
                bytes.write(model, payloadStart, length);
                bytes.write(extra);
                bytes.write(model, payloadEnd, model.length - payloadEnd);
                return bytes.toByteArray();
            }
            in.skipField(tag);
            tagStart = in.getTotalBytesRead();
        }
        throw new IllegalStateException("read() found a graph field that splice() did not");
    }

    /** Writes the fields of one protobuf message. */
    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    /** The bytes of the message {@code body} writes (shared by the package's graph writers). */
    static byte[] message(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        body.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
