package org.attnlab.model.hf.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.attnlab.model.ModelException;

/**
 * Reads an ONNX {@code ModelProto} at the protobuf wire level with {@link CodedInputStream}: no
 * generated classes, so no protoc step and no dependency on the ONNX schema jar. Only the fields
 * attnlab uses are decoded (graph nodes, attributes, initializers, input and output names); all
 * others are skipped, as protobuf allows. Tensor data is aliased to the input array, not copied.
 *
 * <p>Field numbers are those of {@code onnx.proto3}.
 */
public final class OnnxReader {

    private static final int VARINT = WireFormat.WIRETYPE_VARINT;
    private static final int FIXED32 = WireFormat.WIRETYPE_FIXED32;
    private static final int LEN = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private OnnxReader() {
    }

    /**
     * Parses {@code model}; every problem is one {@link ModelException} naming {@code source} (the
     * file or resource the bytes came from) and what was expected. The returned tensors share
     * {@code model}'s memory, so it must not be modified afterwards.
     */
    public static OnnxGraph read(byte[] model, String source) {
        CodedInputStream in = CodedInputStream.newInstance(model);
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE);
        try {
            boolean sawIrVersion = false;
            OnnxGraph graph = null;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> {
                        expect(tag, VARINT);
                        in.readInt64();
                        sawIrVersion = true;
                    }
                    case 7 -> {
                        expect(tag, LEN);
                        if (graph != null) {
                            throw new InvalidProtocolBufferException("more than one graph field");
                        }
                        graph = readGraph(in, source);
                    }
                    default -> in.skipField(tag);
                }
            }
            if (!sawIrVersion || graph == null || graph.nodes().isEmpty()) {
                throw new ModelException(source + ": not an ONNX model: expected a ModelProto with an ir_version"
                        + " and a graph of nodes, found " + (graph == null ? "no graph" : graph.nodes().size() + " nodes")
                        + (sawIrVersion ? "" : " and no ir_version"));
            }
            return graph;
        } catch (IOException e) {
            throw new ModelException(source + ": not a valid ONNX model: protobuf decoding failed near byte "
                    + in.getTotalBytesRead() + " of " + model.length + " (" + e.getMessage()
                    + "); expected a protobuf-encoded ONNX ModelProto", e);
        }
    }

    private static OnnxGraph readGraph(CodedInputStream in, String source) throws IOException {
        int old = in.pushLimit(in.readRawVarint32());
        List<OnnxNode> nodes = new ArrayList<>();
        List<OnnxTensorData> initializers = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> nodes.add(readNode(in, tag, source));
                case 5 -> initializers.add(readTensor(in, tag, source));
                case 11 -> inputs.add(readValueInfoName(in, tag));
                case 12 -> outputs.add(readValueInfoName(in, tag));
                default -> in.skipField(tag);
            }
        }
        in.popLimit(old);
        return new OnnxGraph(nodes, initializers, inputs, outputs);
    }

    private static String readValueInfoName(CodedInputStream in, int outerTag) throws IOException {
        expect(outerTag, LEN);
        int old = in.pushLimit(in.readRawVarint32());
        String name = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                expect(tag, LEN);
                name = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(old);
        return name;
    }

    private static OnnxNode readNode(CodedInputStream in, int outerTag, String source) throws IOException {
        expect(outerTag, LEN);
        int old = in.pushLimit(in.readRawVarint32());
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        Map<String, OnnxAttribute> attributes = new HashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 5) {
                OnnxAttribute a = readAttribute(in, tag, source);
                attributes.put(a.name(), a);
            } else if (field >= 1 && field <= 4) {
                expect(tag, LEN);
                String s = in.readString();
                switch (field) {
                    case 1 -> inputs.add(s);
                    case 2 -> outputs.add(s);
                    case 3 -> name = s;
                    default -> opType = s;
                }
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(old);
        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    private static OnnxAttribute readAttribute(CodedInputStream in, int outerTag, String source) throws IOException {
        expect(outerTag, LEN);
        int old = in.pushLimit(in.readRawVarint32());
        String name = "";
        int type = 0;
        long i = 0;
        OnnxTensorData t = null;
        LongStream.Builder ints = LongStream.builder();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    expect(tag, LEN);
                    name = in.readString();
                }
                case 3 -> {
                    expect(tag, VARINT);
                    i = in.readInt64();
                }
                case 5 -> t = readTensor(in, tag, source);
                case 8 -> readLongs(in, tag, ints);
                case 20 -> {
                    expect(tag, VARINT);
                    type = in.readInt32();
                }
                default -> in.skipField(tag);
            }
        }
        in.popLimit(old);
        return new OnnxAttribute(name, type, i, ints.build().toArray(), t);
    }

    /**
     * One encoded {@code TensorProto} (the field's payload, without tag and length), checked as
     * {@link #read} checks initializers; problems are one {@link ModelException} naming {@code source}.
     */
    static OnnxTensorData readTensor(byte[] tensor, String source) {
        CodedInputStream in = CodedInputStream.newInstance(tensor);
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE);
        try {
            return readTensorFields(in, source);
        } catch (IOException e) {
            throw new ModelException(source + ": not a valid ONNX tensor: protobuf decoding failed (" + e.getMessage()
                    + "); expected a protobuf-encoded TensorProto", e);
        }
    }

    private static OnnxTensorData readTensor(CodedInputStream in, int outerTag, String source) throws IOException {
        expect(outerTag, LEN);
        int old = in.pushLimit(in.readRawVarint32());
        OnnxTensorData t = readTensorFields(in, source);
        in.popLimit(old);
        return t;
    }

    /** The fields of a TensorProto up to the current limit. */
    private static OnnxTensorData readTensorFields(CodedInputStream in, String source) throws IOException {
        LongStream.Builder dims = LongStream.builder();
        LongStream.Builder ints = LongStream.builder();
        FloatList floats = new FloatList();
        int dataType = 0;
        String name = "";
        ByteString raw = ByteString.EMPTY;
        boolean external = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> readLongs(in, tag, dims);
                case 2 -> {
                    expect(tag, VARINT);
                    dataType = in.readInt32();
                }
                case 4 -> readFloats(in, tag, floats);
                case 5, 7 -> readLongs(in, tag, ints); // int32_data, int64_data
                case 8 -> {
                    expect(tag, LEN);
                    name = in.readString();
                }
                case 9 -> {
                    expect(tag, LEN);
                    raw = in.readBytes();
                }
                case 13 -> {
                    external = true;
                    in.skipField(tag);
                }
                case 14 -> {
                    expect(tag, VARINT);
                    external |= in.readInt32() == 1; // DataLocation.EXTERNAL
                }
                default -> in.skipField(tag);
            }
        }
        long[] shape = dims.build().toArray();
        if (external) {
            throw new ModelException(source + ": tensor '" + name + "' keeps its data in an external file;"
                    + " expected all weights inside the .onnx file");
        }
        if (Arrays.stream(shape).anyMatch(d -> d < 0)) {
            throw new ModelException(source + ": tensor '" + name + "' has a negative dimension " + Arrays.toString(shape));
        }
        OnnxTensorData t = new OnnxTensorData(name, shape, dataType, raw, floats.toArray(), ints.build().toArray());
        if (OnnxTensorData.elementSize(dataType) != 0 && t.storedCount() != t.elementCount()) {
            throw new ModelException(source + ": tensor '" + name + "' has shape " + Arrays.toString(shape) + " = "
                    + t.elementCount() + " elements but its data holds " + (t.storedCount() < 0
                    ? raw.size() + " bytes" : t.storedCount() + " elements") + "; the file is truncated or corrupt");
        }
        return t;
    }

    /** A repeated int64/int32 field, packed (proto3 default) or not. */
    private static void readLongs(CodedInputStream in, int tag, LongStream.Builder out) throws IOException {
        if (WireFormat.getTagWireType(tag) == LEN) {
            int old = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readInt64());
            }
            in.popLimit(old);
        } else {
            expect(tag, VARINT);
            out.add(in.readInt64());
        }
    }

    /** A repeated float field, packed (proto3 default) or not. */
    private static void readFloats(CodedInputStream in, int tag, FloatList out) throws IOException {
        if (WireFormat.getTagWireType(tag) == LEN) {
            int length = in.readRawVarint32();
            if (length < 0 || length % 4 != 0) {
                throw new InvalidProtocolBufferException("packed float field of " + length + " bytes");
            }
            for (int k = 0; k < length / 4; k++) {
                out.add(Float.intBitsToFloat(in.readRawLittleEndian32()));
            }
        } else {
            expect(tag, FIXED32);
            out.add(in.readFloat());
        }
    }

    private static void expect(int tag, int wireType) throws InvalidProtocolBufferException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new InvalidProtocolBufferException("field " + WireFormat.getTagFieldNumber(tag) + " has wire type "
                    + WireFormat.getTagWireType(tag) + ", expected " + wireType);
        }
    }

    /** Growable float array: repeated float fields have no size prefix when unpacked. */
    private static final class FloatList {
        private float[] values = new float[0];
        private int size;

        void add(float v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.max(16, size * 2));
            }
            values[size++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
