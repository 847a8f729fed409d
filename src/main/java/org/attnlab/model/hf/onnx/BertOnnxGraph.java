package org.attnlab.model.hf.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attnlab.model.ModelException;
import org.attnlab.model.hf.BertConfig;

/**
 * A BERT encoder recognised in an ONNX graph exported from Hugging Face {@code BertModel} by
 * PyTorch (opset 11, LayerNorm and GELU decomposed into elementary ops): its configuration, derived
 * from shapes and constants in the graph, and its parameters under HF names in HF orientation.
 *
 * <p>The exporter keeps HF names for embeddings, biases and LayerNorm parameters but gives the linear
 * weights anonymous names ({@code onnx::MatMul_787}) and stores them {@code [in, out]}. Each such
 * weight is named after the bias added to its MatMul's output ({@code ...query.bias} makes it
 * {@code ...query.weight}) and transposed; nothing depends on the anonymous numbers or node order.
 * Anything that does not fit fails with one {@link ModelException} naming the file.
 */
public final class BertOnnxGraph {

    private static final String WORD = "embeddings.word_embeddings.weight";
    private static final String POSITION = "embeddings.position_embeddings.weight";
    private static final String TOKEN_TYPE = "embeddings.token_type_embeddings.weight";
    private static final Pattern HF_NAME = Pattern.compile("[A-Za-z_]\\w*(\\.\\w+)+");
    private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");

    private final OnnxGraph graph;
    private final String source;
    private final Map<String, HfTensor> tensors = new LinkedHashMap<>();
    private final BertConfig config;

    private BertOnnxGraph(OnnxGraph graph, String source) {
        this.graph = graph;
        this.source = source;
        Set<String> matmulWeights = mapLinearWeights();
        keepNamedParameters(matmulWeights);
        long[] word = shape(WORD);
        int hidden = (int) word[1];
        int layers = countLayers();
        int maxPositions = (int) shape(POSITION)[0];
        this.config = new BertConfig((int) word[0], hidden, layers, heads(layers, hidden),
                (int) shape("encoder.layer.0.intermediate.dense.weight")[0], maxPositions,
                (int) shape(TOKEN_TYPE)[0], layerNormEps(), "gelu", List.of(), BertConfig.Pooling.CLS_POOLER);
        checkGelu(layers);
        checkPositionIds(maxPositions);
        checkExpectedShapes();
    }

    /** Recognises the encoder in {@code graph}; {@code source} names the file in error messages. */
    public static BertOnnxGraph recognise(OnnxGraph graph, String source) {
        return new BertOnnxGraph(graph, source);
    }

    public BertConfig config() {
        return config;
    }

    /** Every parameter, HF names and orientation; the pooler too when the graph has one. */
    public List<HfTensor> tensors() {
        return List.copyOf(tensors.values());
    }

    private ModelException fail(String what) {
        return new ModelException(source + ": not a recognised BERT encoder export: " + what
                + " (expected a Hugging Face BertModel exported to ONNX by PyTorch, LayerNorm decomposed)");
    }

    /** Names and transposes every MatMul weight initializer; returns their initializer names. */
    private Set<String> mapLinearWeights() {
        Set<String> used = new HashSet<>();
        for (OnnxNode n : graph.nodes()) {
            if (!n.opType().equals("MatMul") || !graph.initializers().containsKey(n.inputs().get(1))) {
                continue; // activation x activation, e.g. attention scores
            }
            OnnxTensorData w = floatInitializer(n.inputs().get(1), 2);
            long[] d = w.dims();
            OnnxTensorData bias = biasAfter(n).orElseThrow(() -> fail("MatMul '" + n.name() + "' multiplies by '"
                    + w.name() + "' but no Add with a named '*.bias' initializer consumes its output"));
            if (!Arrays.equals(bias.dims(), new long[] {d[1]})) {
                throw fail("bias '" + bias.name() + "' has shape " + Arrays.toString(bias.dims()) + " but MatMul weight '"
                        + w.name() + "' is " + Arrays.toString(d) + " [in, out]");
            }
            String name = bias.name().substring(0, bias.name().length() - "bias".length()) + "weight";
            put(new HfTensor(name, new long[] {d[1], d[0]}, transpose(w.floats(), (int) d[0], (int) d[1])));
            used.add(w.name());
        }
        return used;
    }

    /** The named bias initializer added to {@code matmul}'s output by its single consumer Add. */
    private Optional<OnnxTensorData> biasAfter(OnnxNode matmul) {
        List<OnnxTensorData> found = new ArrayList<>();
        for (OnnxNode add : graph.consumers(matmul.output())) {
            if (add.opType().equals("Add")) {
                String other = add.inputs().get(add.inputs().get(0).equals(matmul.output()) ? 1 : 0);
                OnnxTensorData b = graph.initializers().get(other);
                if (b != null && other.endsWith(".bias") && b.dataType() == OnnxTensorData.FLOAT) {
                    found.add(b);
                }
            }
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Float initializers that already carry HF names (embeddings, biases, LayerNorm) are kept as stored. */
    private void keepNamedParameters(Set<String> matmulWeights) {
        for (OnnxTensorData t : graph.initializers().values()) {
            if (t.dataType() == OnnxTensorData.FLOAT && !matmulWeights.contains(t.name())
                    && HF_NAME.matcher(t.name()).matches()) {
                put(new HfTensor(t.name(), t.dims(), t.floats()));
            }
        }
    }

    private void put(HfTensor t) {
        if (tensors.put(t.name(), t) != null) {
            throw fail("two initializers map to the HF parameter '" + t.name() + "'");
        }
    }

    private int countLayers() {
        int max = -1;
        for (String name : tensors.keySet()) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        if (max < 0) {
            throw fail("no parameters named encoder.layer.N.*");
        }
        return max + 1;
    }

    /** Heads from the Reshape that splits each layer's query into [batch, seq, heads, head size]. */
    private int heads(int layers, int hidden) {
        int heads = -1;
        for (int l = 0; l < layers; l++) {
            String query = biasAdd("encoder.layer." + l + ".attention.self.query.bias").output();
            OnnxNode reshape = graph.consumers(query).stream().filter(n -> n.opType().equals("Reshape")).findFirst()
                    .orElseThrow(() -> fail("the query projection '" + query + "' is not reshaped into heads"));
            long[] dims = shapeValues(reshape.inputs().get(1));
            if (dims.length != 4 || dims[2] < 1 || dims[3] < 1 || dims[2] * dims[3] != hidden
                    || (heads != -1 && dims[2] != heads)) {
                throw fail("Reshape '" + reshape.name() + "' splits the query into " + Arrays.toString(dims)
                        + "; expected [batch, seq, heads, head size] with heads x head size = " + hidden
                        + (heads == -1 ? "" : " and " + heads + " heads as in layer 0"));
            }
            heads = (int) dims[2];
        }
        return heads;
    }

    /** A Reshape target: a constant, or a Concat of pieces where dynamic pieces count as -1. */
    private long[] shapeValues(String tensor) {
        Optional<OnnxTensorData> constant = graph.constant(tensor);
        if (constant.isPresent()) {
            return constant.get().longs();
        }
        OnnxNode concat = graph.producer(tensor).filter(n -> n.opType().equals("Concat"))
                .orElseThrow(() -> fail("Reshape target '" + tensor + "' is neither a constant nor a Concat"));
        return concat.inputs().stream().flatMapToLong(in -> Arrays.stream(
                graph.constant(in).map(OnnxTensorData::longs).orElse(new long[] {-1}))).toArray();
    }

    private OnnxNode biasAdd(String bias) {
        return graph.consumers(bias).stream().filter(n -> n.opType().equals("Add")).findFirst()
                .orElseThrow(() -> fail("no Add node uses '" + bias + "'"));
    }

    /**
     * The epsilon of every LayerNorm, read from {@code weight * ((x - mean) / Sqrt(var + eps))}: the
     * weight's Mul, its Div, the Div's Sqrt, and the constant of the Add under it. All must agree.
     */
    private double layerNormEps() {
        Float eps = null;
        for (String name : tensors.keySet()) {
            if (!name.endsWith(".LayerNorm.weight")) {
                continue;
            }
            float e = graph.consumers(name).stream().filter(n -> n.opType().equals("Mul")).findFirst()
                    .flatMap(mul -> graph.producer(other(mul, name))).filter(n -> n.opType().equals("Div"))
                    .flatMap(div -> graph.producer(div.inputs().get(1))).filter(n -> n.opType().equals("Sqrt"))
                    .flatMap(sqrt -> graph.producer(sqrt.inputs().get(0))).filter(n -> n.opType().equals("Add"))
                    .flatMap(add -> add.inputs().stream().map(graph::constant).flatMap(Optional::stream).findFirst())
                    .filter(c -> c.dataType() == OnnxTensorData.FLOAT && c.elementCount() == 1)
                    .map(c -> c.floats()[0])
                    .orElseThrow(() -> fail("LayerNorm '" + name + "' is not weight * ((x - mean) / Sqrt(var + eps))"));
            if (eps != null && eps != e) {
                throw fail("LayerNorm epsilons differ: " + eps + " and " + e + " at '" + name + "'");
            }
            eps = e;
        }
        if (eps == null) {
            throw fail("no *.LayerNorm.weight parameters");
        }
        return Double.parseDouble(Float.toString(eps)); // the decimal the exporter wrote, e.g. 1e-12
    }

    private static String other(OnnxNode binary, String input) {
        return binary.inputs().get(binary.inputs().get(0).equals(input) ? 1 : 0);
    }

    /** attnlab computes GELU exactly (erf form): the graph must too, as x/sqrt(2) into Erf. */
    private void checkGelu(int layers) {
        for (int l = 0; l < layers; l++) {
            String dense = biasAdd("encoder.layer." + l + ".intermediate.dense.bias").output();
            boolean erf = graph.consumers(dense).stream().filter(n -> n.opType().equals("Div"))
                    .anyMatch(div -> graph.consumers(div.output()).stream().anyMatch(n -> n.opType().equals("Erf")));
            if (!erf) {
                throw fail("layer " + l + "'s intermediate activation is not the exact GELU (x / sqrt(2) into Erf)");
            }
        }
    }

    /** attnlab uses positions 0..n-1: the graph must gather rows of a Slice, from 0, of [0, 1, 2, ...]. */
    private void checkPositionIds(int maxPositions) {
        OnnxNode gather = graph.consumers(POSITION).stream().filter(n -> n.opType().equals("Gather")).findFirst()
                .orElseThrow(() -> fail("'" + POSITION + "' is not read by a Gather"));
        Optional<OnnxNode> slice = graph.producer(gather.inputs().get(1)).filter(n -> n.opType().equals("Slice"));
        long[] ids = slice.flatMap(s -> graph.constant(s.inputs().get(0))).map(OnnxTensorData::longs).orElse(null);
        long[] starts = slice.flatMap(s -> graph.constant(s.inputs().get(1))).map(OnnxTensorData::longs).orElse(null);
        boolean arange = ids != null && ids.length == maxPositions;
        for (int i = 0; arange && i < ids.length; i++) {
            arange = ids[i] == i;
        }
        if (!arange || starts == null || !Arrays.equals(starts, new long[] {0})) {
            throw fail("position ids are not a slice from 0 of the constant [0, 1, ..., " + (maxPositions - 1) + "]");
        }
    }

    /** Every BertModel parameter must be present with the shape the configuration implies. */
    private void checkExpectedShapes() {
        int h = config.hiddenSize();
        int i = config.intermediateSize();
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put(WORD, new long[] {config.vocabSize(), h});
        expected.put(POSITION, new long[] {config.maxPositions(), h});
        expected.put(TOKEN_TYPE, new long[] {config.typeVocabSize(), h});
        expected.put("embeddings.LayerNorm.weight", new long[] {h});
        expected.put("embeddings.LayerNorm.bias", new long[] {h});
        for (int l = 0; l < config.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            for (String linear : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense")) {
                expected.put(p + linear + ".weight", new long[] {h, h});
                expected.put(p + linear + ".bias", new long[] {h});
            }
            expected.put(p + "intermediate.dense.weight", new long[] {i, h});
            expected.put(p + "intermediate.dense.bias", new long[] {i});
            expected.put(p + "output.dense.weight", new long[] {h, i});
            expected.put(p + "output.dense.bias", new long[] {h});
            for (String norm : List.of("attention.output.LayerNorm", "output.LayerNorm")) {
                expected.put(p + norm + ".weight", new long[] {h});
                expected.put(p + norm + ".bias", new long[] {h});
            }
        }
        expected.forEach((name, shape) -> {
            if (!Arrays.equals(shape(name), shape)) {
                throw fail("'" + name + "' has shape " + Arrays.toString(shape(name)) + ", expected "
                        + Arrays.toString(shape));
            }
        });
    }

    private long[] shape(String name) {
        HfTensor t = tensors.get(name);
        if (t == null) {
            throw fail("no parameter '" + name + "'");
        }
        return t.shape();
    }

    private OnnxTensorData floatInitializer(String name, int rank) {
        OnnxTensorData t = graph.initializers().get(name);
        if (t.dataType() != OnnxTensorData.FLOAT || t.rank() != rank) {
            throw fail("initializer '" + name + "' is " + t + ", expected a rank-" + rank + " FLOAT tensor");
        }
        return t;
    }

    /** {@code [rows, cols]} row-major to {@code [cols, rows]} row-major. */
    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }
}
