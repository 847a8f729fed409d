package org.attnlab.model.hf.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The error function in float64 from elementary ONNX ops, for runtimes without a double {@code Erf}
 * (ONNX Runtime's CPU provider registers {@code Erf} for float only). Uses the everywhere-convergent
 * series of positive terms (Abramowitz and Stegun 7.1.6)
 * <pre>erf(a) = 2/sqrt(pi) exp(-a^2) sum_{n>=0} 2^n a^(2n+1) / (1*3*...*(2n+1))</pre>
 * on {@code a = min(|x|, 6)}, times {@code sign(x)}: erf(6) is 1 - 2e-17, which rounds to 1 in double,
 * so the cap changes nothing. The series is summed by Horner's rule, {@code t <- 1 + t * 2a^2 / (2n+1)}
 * for n = {@value #TERMS} down to 1; with no cancellation its relative error stays within a few
 * hundred ulps, and at a = 6 the omitted terms add under 1e-18 of the sum. The result is capped at 1, which the
 * rounding of the last few ulps near the cap could otherwise exceed.
 */
final class ErfSeries {

    static final int TERMS = 100;
    static final double CAP = 6;
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private final String prefix;
    private final CodedOutputStream out;
    private int count;

    private ErfSeries(String prefix, CodedOutputStream out) {
        this.prefix = prefix;
        this.out = out;
    }

    /** Writes, as graph {@code node} fields, the nodes computing {@code output = erf(input)}. */
    static void write(String nodeName, String input, String output, CodedOutputStream out) throws IOException {
        ErfSeries s = new ErfSeries((nodeName.isEmpty() ? output : nodeName) + "/ErfSeries/", out);
        String one = s.constant(1);
        String a = s.node("Min", s.node("Abs", input), s.constant(CAP));
        String square = s.node("Mul", a, a);
        String twiceSquare = s.node("Add", square, square);
        String t = one;
        for (int n = TERMS; n >= 1; n--) {
            t = s.node("Add", s.node("Div", s.node("Mul", t, twiceSquare), s.constant(2 * n + 1)), one);
        }
        String series = s.node("Min", s.node("Mul", s.node("Mul", s.node("Mul", t, a),
                s.node("Exp", s.node("Neg", square))), s.constant(TWO_OVER_SQRT_PI)), one);
        s.emit("Mul", List.of(series, s.node("Sign", input)), output, null);
    }

    private String node(String op, String... inputs) throws IOException {
        String result = prefix + op + "_" + count + "_output";
        emit(op, List.of(inputs), result, null);
        return result;
    }

    /** A Constant node holding the float64 scalar {@code value}. */
    private String constant(double value) throws IOException {
        String result = prefix + "Constant_" + count + "_output";
        byte[] data = ByteBuffer.allocate(Double.BYTES).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array();
        byte[] tensor = OnnxWriter.message(o -> {
            o.writeInt32(2, OnnxTensorData.DOUBLE);
            o.writeByteArray(9, data);
        });
        byte[] attribute = OnnxWriter.message(o -> {
            o.writeString(1, "value");
            o.writeByteArray(5, tensor);
            o.writeInt32(20, 4); // AttributeType TENSOR
        });
        emit("Constant", List.of(), result, attribute);
        return result;
    }

    /** NodeProto{input = 1, output = 2, name = 3, op_type = 4, attribute = 5} as graph field 1. */
    private void emit(String op, List<String> inputs, String output, byte[] attribute) throws IOException {
        String name = prefix + op + "_" + count++;
        out.writeByteArray(1, OnnxWriter.message(o -> {
            for (String in : inputs) {
                o.writeString(1, in);
            }
            o.writeString(2, output);
            o.writeString(3, name);
            o.writeString(4, op);
            if (attribute != null) {
                o.writeByteArray(5, attribute);
            }
        }));
    }
}
