package org.attnlab.testing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.onnx.OnnxGraph;
import org.attnlab.model.hf.onnx.OnnxNode;
import org.attnlab.model.hf.onnx.OnnxPrecision;
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
    private static final Pattern SOFTMAX = Pattern.compile("/encoder/layer\\.(\\d+)/attention/self/Softmax");
    private static final Pattern QUERY = Pattern.compile("/encoder/layer\\.(\\d+)/attention/self/query/MatMul");

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

    /** Per layer, the attention probabilities: the output of {@code /encoder/layer.N/attention/self/Softmax}. */
    public static List<String> softmaxOutputs(String resource, int layers) throws IOException {
        return perLayer(resource, layers, "Softmax", SOFTMAX, OnnxNode::output);
    }

    /** Per layer, its input (the embeddings' output, then the layer below's): what its query MatMul reads. */
    public static List<String> layerInputs(String resource, int layers) throws IOException {
        return perLayer(resource, layers, "MatMul", QUERY, n -> n.inputs().get(0));
    }

    private static List<String> perLayer(String resource, int layers, String op, Pattern name,
                                         Function<OnnxNode, String> tensor) throws IOException {
        String[] byLayer = new String[layers];
        for (OnnxNode n : graph(resource).nodes()) {
            Matcher m = name.matcher(n.name());
            if (n.opType().equals(op) && m.matches() && Integer.parseInt(m.group(1)) < layers) {
                byLayer[Integer.parseInt(m.group(1))] = tensor.apply(n);
            }
        }
        return List.of(byLayer); // List.of rejects a null: every layer must have its node
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

    /**
     * A session on the float64 version of the graph ({@link OnnxPrecision#toFloat64}: the same weights widened
     * exactly, Erf as an elementary-op series, {@code scalarLiterals} restored) with {@code extraOutputs}; its
     * outputs are {@code double} arrays.
     */
    public static MiniLmOnnx float64WithOutputs(String resource, List<String> extraOutputs,
                                                Map<Float, Double> scalarLiterals) throws IOException, OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
        byte[] float64 = OnnxPrecision.toFloat64(OnnxWriter.withExtraOutputs(bytes(resource), extraOutputs),
                scalarLiterals);
        return new MiniLmOnnx(OrtEnvironment.getEnvironment().createSession(float64, options));
    }

    /**
     * The double literals of Hugging Face {@code BertModel}'s code that a PyTorch export stores as float32
     * scalars: the attention scale {@code math.sqrt(head_size)}, GELU's {@code math.sqrt(2.0)} and
     * {@code layer_norm_eps}, keyed by their float32 rounding, for {@link #float64WithOutputs}.
     */
    public static Map<Float, Double> bertLiterals(BertConfig config) {
        Map<Float, Double> literals = new HashMap<>();
        for (double exact : new double[] {Math.sqrt(config.headSize()), Math.sqrt(2), config.layerNormEps()}) {
            literals.put((float) exact, exact);
        }
        return literals;
    }

    public List<String> inputNames() {
        return List.copyOf(session.getInputNames());
    }

    /**
     * Runs one unpadded input; each named output's value for it (batch index 0), e.g. a {@code float[][]}
     * ({@code double[][]} from a float64 session).
     */
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
