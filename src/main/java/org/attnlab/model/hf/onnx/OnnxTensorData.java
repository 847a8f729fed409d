package org.attnlab.model.hf.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One ONNX {@code TensorProto} (an initializer or a {@code Constant} node's value): name, shape,
 * element type and data. The data stays in the form the file stored it (little-endian
 * {@code raw_data}, or a typed repeated field) until {@link #floats()} or {@link #longs()} decodes
 * it, so reading a 100 MB model does not double its memory up front.
 */
public final class OnnxTensorData {

    /** ONNX {@code TensorProto.DataType} codes used by attnlab. */
    public static final int FLOAT = 1;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int DOUBLE = 11;

    private final String name;
    private final long[] dims;
    private final int dataType;
    private final ByteString raw;
    private final float[] floatData;
    private final long[] intData;

    OnnxTensorData(String name, long[] dims, int dataType, ByteString raw, float[] floatData, long[] intData) {
        this.name = name;
        this.dims = dims;
        this.dataType = dataType;
        this.raw = raw;
        this.floatData = floatData;
        this.intData = intData;
    }

    public String name() {
        return name;
    }

    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    /** ONNX element type code, e.g. {@link #FLOAT}. */
    public int dataType() {
        return dataType;
    }

    /** Number of elements (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** Bytes per element for the types whose {@code raw_data} this class decodes, else 0. */
    static int elementSize(int dataType) {
        return switch (dataType) {
            case FLOAT, INT32 -> 4;
            case INT64 -> 8;
            default -> 0;
        };
    }

    /** Number of elements actually stored, for the reader's consistency check. */
    long storedCount() {
        if (!raw.isEmpty()) {
            int size = elementSize(dataType);
            return size == 0 || raw.size() % size != 0 ? -1 : raw.size() / size;
        }
        return dataType == FLOAT ? floatData.length : intData.length;
    }

    /** The elements of a FLOAT tensor in row-major order. */
    public float[] floats() {
        if (dataType != FLOAT) {
            throw new IllegalStateException(name + ": element type " + dataType + " is not FLOAT");
        }
        if (raw.isEmpty()) {
            return floatData.clone();
        }
        float[] out = new float[raw.size() / 4];
        raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** The elements of an INT64 or INT32 tensor in row-major order, widened to long. */
    public long[] longs() {
        if (dataType != INT64 && dataType != INT32) {
            throw new IllegalStateException(name + ": element type " + dataType + " is not INT64 or INT32");
        }
        if (raw.isEmpty()) {
            return intData.clone();
        }
        ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[raw.size() / elementSize(dataType)];
        for (int i = 0; i < out.length; i++) {
            out[i] = dataType == INT64 ? b.getLong() : b.getInt();
        }
        return out;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(dims) + " type " + dataType;
    }
}
