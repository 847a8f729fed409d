package org.attnlab.model.hf.onnx;

import static org.attnlab.model.hf.onnx.OnnxReaderTest.encode;
import static org.attnlab.model.hf.onnx.OnnxReaderTest.node;
import static org.attnlab.model.hf.onnx.OnnxReaderTest.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Erf;
import org.attnlab.model.ModelException;
import org.junit.jupiter.api.Test;

/**
 * The float64 conversion, executed by ONNX Runtime (which rejects any float left in a double graph): a
 * hand-encoded model using every converted form, checked against the same arithmetic in Java double, and
 * the Erf series against tabulated values and Commons Math.
 */
class OnnxPrecisionTest {

    private static final int FLOAT = OnnxTensorData.FLOAT;
    private static final int INT64 = OnnxTensorData.INT64;
    private static final float W0 = 0.1f;
    private static final float W1 = -3.3f;
    private static final float B0 = 0.7f;
    private static final float B1 = 1e-3f;
    private static final float SCALE = (float) Math.sqrt(32);

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();

    /**
     * {@code y = (x * w + b - Cast(ids, FLOAT)) / scale}, {@code e = Erf(x)}: w in raw_data, b in float_data,
     * scale a Constant node, one value_info, an int64 input that must stay int64.
     */
    private static byte[] model() {
        byte[] w = encode(o -> {
            o.writeInt64(1, 2);
            o.writeInt32(2, FLOAT);
            o.writeString(8, "w");
            o.writeByteArray(9, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(W0).putFloat(W1).array());
        });
        byte[] scale = tensor("", FLOAT, new long[0], 4, true, SCALE);
        byte[] graph = encode(o -> {
            o.writeRawBytes(node("Constant", List.of(), "scale", encode(a -> {
                a.writeString(1, "value");
                a.writeByteArray(5, scale);
                a.writeInt32(20, 4);
            })));
            o.writeRawBytes(node("Cast", List.of("ids"), "idsFloat", encode(a -> {
                a.writeString(1, "to");
                a.writeInt64(3, FLOAT);
                a.writeInt32(20, 2);
            })));
            o.writeRawBytes(node("Mul", List.of("x", "w"), "p"));
            o.writeRawBytes(node("Add", List.of("p", "b"), "q"));
            o.writeRawBytes(node("Sub", List.of("q", "idsFloat"), "r"));
            o.writeRawBytes(node("Div", List.of("r", "scale"), "y"));
            o.writeRawBytes(node("Erf", List.of("z"), "e"));
            o.writeString(2, "tiny");
            o.writeByteArray(5, w);
            o.writeByteArray(5, tensor("b", FLOAT, new long[] {2}, 4, false, B0, B1));
            o.writeByteArray(11, valueInfo("ids", INT64, false));
            o.writeByteArray(11, valueInfo("x", FLOAT, false));
            o.writeByteArray(11, valueInfo("z", FLOAT, true));
            o.writeByteArray(12, valueInfo("y", FLOAT, false));
            o.writeByteArray(12, valueInfo("e", FLOAT, true));
            o.writeByteArray(13, valueInfo("p", FLOAT, false));
        });
        return encode(o -> {
            o.writeInt64(1, 8);
            o.writeByteArray(7, graph);
            o.writeByteArray(8, encode(opset -> opset.writeInt64(2, 13)));
        });
    }

    /** A tensor of shape [2], or [n] when {@code anyLength}. */
    private static byte[] valueInfo(String name, int elementType, boolean anyLength) {
        byte[] dim = encode(d -> {
            if (anyLength) {
                d.writeString(2, "n"); // dim_param
            } else {
                d.writeInt64(1, 2); // dim_value
            }
        });
        byte[] tensorType = encode(t -> {
            t.writeInt32(1, elementType);
            t.writeByteArray(2, encode(shape -> shape.writeByteArray(1, dim)));
        });
        return encode(o -> {
            o.writeString(1, name);
            o.writeByteArray(2, encode(type -> type.writeByteArray(1, tensorType)));
        });
    }

    /** Runs the converted model on inputs x and ids ([2]) and z (any length). */
    private Map<String, double[]> run(byte[] model, double[] x, long[] ids, double[] z) throws OrtException {
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor xs = OnnxTensor.createTensor(env, x);
             OnnxTensor idTensor = OnnxTensor.createTensor(env, ids);
             OnnxTensor zs = OnnxTensor.createTensor(env, z);
             OrtSession.Result r = session.run(Map.of("x", xs, "ids", idTensor, "z", zs))) {
            assertEquals(OnnxJavaType.DOUBLE, ((TensorInfo) session.getOutputInfo().get("y").getInfo()).type);
            assertEquals(OnnxJavaType.INT64, ((TensorInfo) session.getInputInfo().get("ids").getInfo()).type);
            return Map.of("y", (double[]) r.get("y").orElseThrow().getValue(),
                    "e", (double[]) r.get("e").orElseThrow().getValue());
        }
    }

    @Test
    void everyFloatBecomesDoubleAndComputesTheSameArithmetic() throws OrtException {
        double[] x = {0.3, -1.7};
        long[] ids = {2, -5};
        double[] w = {W0, W1};
        double[] b = {B0, B1};
        double[] exactY = run(OnnxPrecision.toFloat64(model(), Map.of(SCALE, Math.sqrt(32))), x, ids, x).get("y");
        double[] widenedY = run(OnnxPrecision.toFloat64(model()), x, ids, x).get("y");
        for (int i = 0; i < 2; i++) {
            double r = x[i] * w[i] + b[i] - ids[i];
            assertEquals(r / Math.sqrt(32), exactY[i], 0.0, "the restored literal, element " + i);
            assertEquals(r / (double) SCALE, widenedY[i], 0.0, "the widened float32 constant, element " + i);
        }
        assertTrue(exactY[0] != widenedY[0], "the literal map must make a difference");
    }

    @Test
    void erfSeriesMatchesTabulatedValuesAndCommonsMath() throws OrtException {
        byte[] model = OnnxPrecision.toFloat64(model());
        // erf to 17 digits (Abramowitz and Stegun table 7.1 / Wolfram)
        double[] x = {0, 0.5, 1, 2, -1, ErfSeries.CAP, 40, -1e-300};
        double[] erf = {0, 0.52049987781304654, 0.84270079294971487, 0.99532226501895273, -0.84270079294971487, 1, 1,
                -2 / Math.sqrt(Math.PI) * 1e-300};
        double[] e = run(model, new double[2], new long[2], x).get("e");
        for (int i = 0; i < x.length; i++) {
            assertEquals(erf[i], e[i], 2.3e-16, "erf(" + x[i] + ")");
        }
        double[] grid = new double[2001];
        Arrays.setAll(grid, k -> -10 + k / 100.0 + 0.003);
        double[] series = run(model, new double[2], new long[2], grid).get("e");
        double worst = 0;
        for (int k = 0; k < grid.length; k++) {
            worst = Math.max(worst, Math.abs(series[k] - Erf.erf(grid[k])));
            assertTrue(Math.abs(series[k]) <= 1, "|erf| <= 1 at " + grid[k]);
        }
        assertTrue(worst <= 3e-15, "erf series vs Commons Math on [-10, 10]: max |diff| " + worst);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> OnnxPrecision.toFloat64(model(), Map.of(5.6f, Math.sqrt(32))));
        ModelException e = assertThrows(ModelException.class,
                () -> OnnxPrecision.toFloat64("not an onnx file".getBytes()));
        assertTrue(e.getMessage().startsWith("ONNX model bytes: "), e.getMessage());
    }
}
