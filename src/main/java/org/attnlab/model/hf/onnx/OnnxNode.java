package org.attnlab.model.hf.onnx;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One ONNX {@code NodeProto}. An omitted optional input appears as an empty string, as in the file.
 *
 * @param attributes by attribute name
 */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs,
                       Map<String, OnnxAttribute> attributes) {

    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    public Optional<OnnxAttribute> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    /** The first output (every node attnlab inspects has exactly one). */
    public String output() {
        return outputs.get(0);
    }
}
