package org.attnlab.testing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.model.hf.onnx.OnnxGraph;
import org.attnlab.model.hf.onnx.OnnxReader;
import org.attnlab.model.hf.onnx.OnnxWriter;

/**
 * ONNX Runtime running the original all-MiniLM-L6-v2 ONNX file (or, through the overloads naming a
 * resource, another of the catalog's BERT exports) from the Maven dependency, with
 * internal tensors exposed as extra outputs: the independent reference the oracle tests compare with.
 * No graph optimisation, so ONNX Runtime runs the exported ops one by one, the most literal reference.
 */
public final class MiniLmOnnx implements AutoCloseable {

    public static final String RESOURCE = "all-minilm-l6-v2.onnx";

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    private MiniLmOnnx(OrtSession session) {
        this.session = session;
    }

    /** The ONNX file's bytes. */
    public static byte[] bytes() throws IOException {
        return bytes(RESOURCE);
    }

    /** The bytes of classpath resource {@code resource}, e.g. {@code e5-small-v2.onnx}. */
    public static byte[] bytes(String resource) throws IOException {
        try (InputStream in = MiniLmOnnx.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " not on the test classpath");
            }
            return in.readAllBytes();
        }
    }

    /** The parsed graph, to find the internal tensors to expose. */
    public static OnnxGraph graph() throws IOException {
        return graph(RESOURCE);
    }

    public static OnnxGraph graph(String resource) throws IOException {
        return OnnxReader.read(bytes(resource), resource);
    }

    /** A session whose outputs are the graph's own plus {@code extraOutputs}. */
    public static MiniLmOnnx withOutputs(List<String> extraOutputs) throws IOException, OrtException {
        return withOutputs(RESOURCE, extraOutputs);
    }

    public static MiniLmOnnx withOutputs(String resource, List<String> extraOutputs) throws IOException, OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
        return new MiniLmOnnx(OrtEnvironment.getEnvironment().createSession(
                OnnxWriter.withExtraOutputs(bytes(resource), extraOutputs), options));
    }

    public List<String> inputNames() {
        return List.copyOf(session.getInputNames());
    }

    /** Runs one unpadded input; each named output's value for it (batch index 0), e.g. a {@code float[][]}. */
    public Map<String, Object> run(long[] ids, List<String> outputs) throws OrtException {
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, new long[][] {ids});
             OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {ones});
             OnnxTensor types = OnnxTensor.createTensor(env, new long[][] {new long[ids.length]});
             OrtSession.Result result = session.run(Map.of("input_ids", inputIds, "attention_mask", mask,
                     "token_type_ids", types))) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String name : outputs) {
                out.put(name, ((Object[]) result.get(name).orElseThrow().getValue())[0]);
            }
            return out;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
