package org.attnlab.model.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Where models compute: the CPU unless the system property {@value #PROPERTY} (set by {@code --device} or the
 * launcher's {@code ATTNLAB_DEVICE}) names a CUDA device. A GPU needs a CUDA build of libtorch that DJL's PyTorch
 * engine loads instead of the bundled CPU one ({@code PYTORCH_LIBRARY_PATH}, with {@code PYTORCH_VERSION} and
 * {@code PYTORCH_FLAVOR}); with the CPU build every GPU request is refused up front rather than silently run on
 * the CPU. Records computed on a GPU agree with CPU records to float32 rounding, not bit for bit (other kernels,
 * other summation orders), which is why the run id does not depend on the device but provenance names it.
 */
public final class ComputeDevice {

    /** The system property holding the device name: {@code cpu} (default), {@code gpu}, {@code gpu:N}, {@code cuda:N}. */
    public static final String PROPERTY = "attnlab.device";

    private ComputeDevice() {
    }

    /** The configured device, checked against the GPUs the PyTorch engine sees. */
    public static Device get() {
        String name = System.getProperty(PROPERTY, "cpu");
        if (name.isBlank() || name.trim().equalsIgnoreCase("cpu")) {
            return Device.cpu();
        }
        return parse(name, Engine.getEngine("PyTorch").getGpuCount());
    }

    /**
     * {@code name} as a device, given {@code gpuCount} visible CUDA devices.
     *
     * @throws IllegalArgumentException for a name that is no device, or a GPU the engine does not see
     */
    static Device parse(String name, int gpuCount) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        int index;
        if (n.equals("gpu") || n.equals("cuda")) {
            index = 0;
        } else if (n.matches("(gpu|cuda):[0-9]{1,3}")) {
            index = Integer.parseInt(n.substring(n.indexOf(':') + 1));
        } else {
            throw new IllegalArgumentException("device '" + name + "': expected cpu, gpu, gpu:N or cuda:N");
        }
        if (index >= gpuCount) {
            throw new IllegalArgumentException("device '" + name + "': PyTorch sees " + gpuCount + " CUDA device"
                    + (gpuCount == 1 ? "" : "s") + (gpuCount == 0 ? " (the engine is the bundled CPU build of libtorch; "
                    + "for a GPU set PYTORCH_LIBRARY_PATH to a CUDA build of libtorch " + "with PYTORCH_VERSION and "
                    + "PYTORCH_FLAVOR, see README \"Running on a cluster\")" : ""));
        }
        return Device.gpu(index);
    }
}
