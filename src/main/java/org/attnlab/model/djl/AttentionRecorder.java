package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Copies each layer's attention (as used, i.e. after edits) out of the engine, then cuts it per batch
 * element to that element's real length.
 */
final class AttentionRecorder {

    private final float[][] flat;
    private final Shape[] shapes;

    AttentionRecorder(int layers) {
        flat = new float[layers][];
        shapes = new Shape[layers];
    }

    void record(int layer, NDArray probs) {
        flat[layer] = probs.toType(DataType.FLOAT32, false).toFloatArray();
        shapes[layer] = probs.getShape();
    }

    boolean has(int layer) {
        return flat[layer] != null;
    }

    /** {@code [head][query][key]} of batch element {@code b}, trimmed to {@code length} tokens. */
    float[][][] layer(int layer, int b, int length) {
        return layer(layer, b, length, length);
    }

    /** {@code [head][col]} of batch element {@code b} from a recorded {@code [batch, heads, 1, cols]} array. */
    float[][] row(int layer, int b, int cols) {
        float[][][] one = layer(layer, b, 1, cols);
        float[][] out = new float[one.length][];
        for (int h = 0; h < one.length; h++) {
            out[h] = one[h][0];
        }
        return out;
    }

    /**
     * {@code [head][row][col]} of batch element {@code b} from a recorded {@code [batch, heads, rows, cols]}
     * array, keeping the first {@code rows} rows and {@code cols} columns.
     */
    float[][][] layer(int layer, int b, int rows, int cols) {
        Shape s = shapes[layer];
        int heads = (int) s.get(1);
        int height = (int) s.get(2);
        int width = (int) s.get(3);
        float[][][] out = new float[heads][rows][cols];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(flat[layer], ((b * heads + h) * height + i) * width, out[h][i], 0, cols);
            }
        }
        return out;
    }
}
