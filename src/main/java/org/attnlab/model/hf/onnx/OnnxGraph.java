package org.attnlab.model.hf.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an ONNX {@code GraphProto} that attnlab reads: nodes in file order, initializers by
 * name (file order), and the names of the graph inputs and outputs. Also indexes the data flow
 * (which node produces and which nodes consume a tensor) so callers can walk the graph by structure.
 */
public final class OnnxGraph {

    private final List<OnnxNode> nodes;
    private final Map<String, OnnxTensorData> initializers;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, OnnxNode> producers = new HashMap<>();
    private final Map<String, List<OnnxNode>> consumers = new HashMap<>();

    OnnxGraph(List<OnnxNode> nodes, List<OnnxTensorData> initializers, List<String> inputs, List<String> outputs) {
        this.nodes = List.copyOf(nodes);
        Map<String, OnnxTensorData> byName = new LinkedHashMap<>();
        for (OnnxTensorData t : initializers) {
            byName.put(t.name(), t);
        }
        this.initializers = Collections.unmodifiableMap(byName);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        for (OnnxNode n : nodes) {
            for (String out : n.outputs()) {
                producers.put(out, n);
            }
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
    }

    public List<OnnxNode> nodes() {
        return nodes;
    }

    /** Initializers by name, in file order. */
    public Map<String, OnnxTensorData> initializers() {
        return initializers;
    }

    /** Names of the graph inputs (initializers that older exporters also list as inputs included). */
    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        return outputs;
    }

    /** The node that computes {@code tensor}; empty for graph inputs and initializers. */
    public Optional<OnnxNode> producer(String tensor) {
        return Optional.ofNullable(producers.get(tensor));
    }

    /** The nodes that read {@code tensor}, in file order. */
    public List<OnnxNode> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /**
     * The value of {@code tensor} when it is fixed in the file: an initializer, or the output of a
     * {@code Constant} node with a tensor {@code value}.
     */
    public Optional<OnnxTensorData> constant(String tensor) {
        OnnxTensorData init = initializers.get(tensor);
        if (init != null) {
            return Optional.of(init);
        }
        return producer(tensor).filter(n -> n.opType().equals("Constant"))
                .flatMap(n -> n.attribute("value")).map(OnnxAttribute::t);
    }

    /** True when some node computes {@code tensor} or it is a graph input or initializer. */
    public boolean hasTensor(String tensor) {
        return producers.containsKey(tensor) || initializers.containsKey(tensor) || inputs.contains(tensor);
    }
}
