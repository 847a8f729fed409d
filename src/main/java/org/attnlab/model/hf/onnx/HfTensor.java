package org.attnlab.model.hf.onnx;

/**
 * A float32 parameter under its Hugging Face name, in HF orientation (linear weights
 * {@code [out, in]}), row-major.
 */
public record HfTensor(String name, long[] shape, float[] data) {

    public HfTensor {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": shape holds " + n + " elements, data " + data.length);
        }
    }
}
