package org.attnlab.model.hf.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.attnlab.model.ModelException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wire-level reader on the real all-MiniLM-L6-v2 export (raw_data tensors, Constant nodes) and on
 * hand-encoded models for the typed-field encodings the real file does not use. Expected values were
 * read from the file independently with a Python protobuf wire decoder and numpy.
 */
class OnnxReaderTest {

    static final String MINILM = "all-minilm-l6-v2.onnx";
    private static byte[] bytes;
    private static OnnxGraph graph;

    static byte[] resource(String name) {
        try (InputStream in = OnnxReaderTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " not on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void read() {
        bytes = resource(MINILM);
        graph = OnnxReader.read(bytes, MINILM);
    }

    @Test
    void graphInputsOutputsAndSize() {
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), graph.inputs());
        assertEquals(List.of("last_hidden_state"), graph.outputs());
        assertEquals(637, graph.nodes().size());
        assertEquals(102, graph.initializers().size());
    }

    @Test
    void rawFloatInitializersDecodeLittleEndian() {
        OnnxTensorData word = graph.initializers().get("embeddings.word_embeddings.weight");
        assertArrayEquals(new long[] {30522, 384}, word.dims());
        assertEquals(OnnxTensorData.FLOAT, word.dataType());
        float[] w = word.floats();
        assertArrayEquals(new float[] {-0.019989013671875f, -0.0034027099609375f, -0.014678955078125f},
                Arrays.copyOf(w, 3));
        assertEquals(0.004570063669234514f, w[w.length - 1]);
        float[] m = graph.initializers().get("onnx::MatMul_787").floats();
        assertArrayEquals(new float[] {-0.1486196219921112f, 0.035969655960798264f, -0.05976053699851036f},
                Arrays.copyOf(m, 3));
        assertEquals(13.52819408863644, sum(m), 1e-9);
    }

    @Test
    void int64InitializerAndConstantNodes() {
        long[] positions = graph.initializers().get("embeddings.position_ids").longs();
        assertArrayEquals(IntStream.range(0, 512).asLongStream().toArray(), positions);
        // LayerNorm epsilon and the per-head reshape are Constant nodes, not initializers.
        OnnxTensorData eps = graph.constant("/embeddings/LayerNorm/Constant_1_output_0").orElseThrow();
        assertEquals(1e-12f, eps.floats()[0]);
        assertArrayEquals(new long[] {12},
                graph.constant("/encoder/layer.0/attention/self/Constant_2_output_0").orElseThrow().longs());
    }

    @Test
    void nodesAttributesAndDataFlow() {
        List<OnnxNode> softmax = graph.nodes().stream().filter(n -> n.opType().equals("Softmax")).toList();
        assertEquals(IntStream.range(0, 6).mapToObj(l -> "/encoder/layer." + l + "/attention/self/Softmax").toList(),
                softmax.stream().map(OnnxNode::name).toList());
        assertEquals(3, softmax.get(0).attribute("axis").orElseThrow().i());
        OnnxNode transpose = graph.producer("/encoder/layer.0/attention/self/Transpose_output_0").orElseThrow();
        assertArrayEquals(new long[] {0, 2, 1, 3}, transpose.attribute("perm").orElseThrow().ints());
        OnnxNode query = graph.consumers("onnx::MatMul_787").get(0);
        assertEquals("/encoder/layer.0/attention/self/query/MatMul", query.name());
        assertEquals("/encoder/layer.0/attention/self/query/Add", graph.consumers(query.output()).get(0).name());
    }

    @Test
    void typedFieldsPackedAndUnpacked() {
        byte[] model = model(graph(
                node("Constant", List.of(), "c", attr("value", 4, tensor("", 7, new long[] {2}, 7, false, 3, -4))),
                node("Add", List.of("x", "c"), "y"),
                tensorField(5, tensor("w", 1, new long[] {2, 2}, 4, true, 1, 2, 3, 4)),
                tensorField(5, tensor("u", 1, new long[] {2}, 4, false, 5, 6)),
                tensorField(5, tensor("i", 6, new long[] {3}, 5, true, -1, 0, 7)),
                valueInfo(11, "x"), valueInfo(12, "y")));
        OnnxGraph g = OnnxReader.read(model, "tiny.onnx");
        assertArrayEquals(new float[] {1, 2, 3, 4}, g.initializers().get("w").floats());
        assertArrayEquals(new float[] {5, 6}, g.initializers().get("u").floats());
        assertArrayEquals(new long[] {-1, 0, 7}, g.initializers().get("i").longs());
        assertArrayEquals(new long[] {3, -4}, g.constant("c").orElseThrow().longs());
        assertEquals(List.of("x"), g.inputs());
        assertEquals("y", g.consumers("c").get(0).output());
    }

    @Test
    void corruptBytesNameTheFile() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        for (byte[] bad : List.of(noise, Arrays.copyOf(bytes, 100_000), "not an onnx file".getBytes(), new byte[0])) {
            ModelException e = assertThrows(ModelException.class, () -> OnnxReader.read(bad, "broken.onnx"));
            assertTrue(e.getMessage().startsWith("broken.onnx: "), e.getMessage());
            assertTrue(e.getMessage().contains("ONNX"), e.getMessage());
        }
    }

    @Test
    void dataThatDoesNotFitTheShapeIsRejected() {
        byte[] model = model(graph(node("Identity", List.of("w"), "y"),
                tensorField(5, tensor("w", 1, new long[] {3}, 4, true, 1, 2))));
        ModelException e = assertThrows(ModelException.class, () -> OnnxReader.read(model, "short.onnx"));
        assertTrue(e.getMessage().startsWith("short.onnx: tensor 'w' has shape [3] = 3 elements"), e.getMessage());
    }

    @Test
    void extraOutputsAreAppendedAndEverythingElseKept() {
        List<String> softmax = IntStream.range(0, 6)
                .mapToObj(l -> "/encoder/layer." + l + "/attention/self/Softmax_output_0").toList();
        OnnxGraph edited = OnnxReader.read(OnnxWriter.withExtraOutputs(bytes, softmax), "edited");
        assertEquals(graph.outputs().get(0), edited.outputs().get(0));
        assertEquals(softmax, edited.outputs().subList(1, 7));
        assertEquals(wiring(graph), wiring(edited));
        assertEquals(graph.initializers().keySet(), edited.initializers().keySet());
        assertArrayEquals(graph.initializers().get("onnx::MatMul_864").floats(),
                edited.initializers().get("onnx::MatMul_864").floats());
        assertThrows(IllegalArgumentException.class, () -> OnnxWriter.withExtraOutputs(bytes, List.of("nope")));
        assertThrows(IllegalArgumentException.class,
                () -> OnnxWriter.withExtraOutputs(bytes, List.of("last_hidden_state")));
    }

    private static List<String> wiring(OnnxGraph g) {
        return g.nodes().stream().map(n -> n.name() + " " + n.opType() + n.inputs() + n.outputs()).toList();
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    // ---- hand encoding of ONNX messages (field numbers from onnx.proto3) ----

    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] encode(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] model(byte[] graph) {
        return encode(o -> {
            o.writeInt64(1, 7);
            o.writeByteArray(7, graph);
        });
    }

    /** Graph fields, each already encoded with its tag. */
    private static byte[] graph(byte[]... fields) {
        return encode(o -> {
            for (byte[] f : fields) {
                o.writeRawBytes(f);
            }
        });
    }

    static byte[] node(String op, List<String> inputs, String output, byte[]... attributes) {
        return encode(o -> o.writeByteArray(1, encode(n -> {
            for (String in : inputs) {
                n.writeString(1, in);
            }
            n.writeString(2, output);
            n.writeString(3, op.toLowerCase());
            n.writeString(4, op);
            for (byte[] a : attributes) {
                n.writeByteArray(5, a);
            }
        })));
    }

    private static byte[] attr(String name, int type, byte[] tensor) {
        return encode(o -> {
            o.writeString(1, name);
            o.writeByteArray(5, tensor);
            o.writeInt32(20, type);
        });
    }

    private static byte[] tensorField(int field, byte[] tensor) {
        return encode(o -> o.writeByteArray(field, tensor));
    }

    private static byte[] valueInfo(int field, String name) {
        return encode(o -> o.writeByteArray(field, encode(v -> v.writeString(1, name))));
    }

    /** A TensorProto holding {@code values} in typed field {@code dataField} (4 float, 5 int32, 7 int64). */
    static byte[] tensor(String name, int type, long[] dims, int dataField, boolean packed, double... values) {
        return encode(o -> {
            for (long d : dims) {
                o.writeInt64(1, d);
            }
            o.writeInt32(2, type);
            if (packed) {
                o.writeByteArray(dataField, encode(p -> {
                    for (double v : values) {
                        if (dataField == 4) {
                            p.writeFloatNoTag((float) v);
                        } else {
                            p.writeInt64NoTag((long) v);
                        }
                    }
                }));
            } else {
                for (double v : values) {
                    if (dataField == 4) {
                        o.writeFloat(dataField, (float) v);
                    } else {
                        o.writeInt64(dataField, (long) v);
                    }
                }
            }
            if (!name.isEmpty()) {
                o.writeString(8, name);
            }
        });
    }
}
