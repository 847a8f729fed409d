package org.attnlab.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** Device names: what each means, and that a GPU the engine does not see is refused rather than run on the CPU. */
class ComputeDeviceTest {

    @Test
    void namesMapToDevices() {
        assertEquals(Device.cpu(), ComputeDevice.parse("cpu", 0));
        assertEquals(Device.cpu(), ComputeDevice.parse(" CPU ", 2));
        assertEquals(Device.gpu(0), ComputeDevice.parse("gpu", 1));
        assertEquals(Device.gpu(0), ComputeDevice.parse("cuda", 1));
        assertEquals(Device.gpu(1), ComputeDevice.parse("gpu:1", 2));
        assertEquals(Device.gpu(3), ComputeDevice.parse("cuda:3", 4));
    }

    @Test
    void aGpuTheEngineDoesNotSeeIsRefusedWithWhatToDo() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse("gpu", 0));
        assertTrue(none.getMessage().contains("PyTorch sees 0 CUDA devices") && none.getMessage().contains("PYTORCH_LIBRARY_PATH"),
                none.getMessage());
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse("gpu:2", 2));
        assertTrue(beyond.getMessage().contains("sees 2 CUDA devices"), beyond.getMessage());
    }

    @Test
    void otherNamesAreRefused() {
        for (String bad : new String[] {"tpu", "gpu:", "gpu:-1", "gpu0x", "cuda:a"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse(bad, 8), bad);
            assertTrue(e.getMessage().contains("expected cpu, gpu, gpu:N or cuda:N"), e.getMessage());
        }
    }

    @Test
    void theDefaultIsTheCpu() {
        String before = System.getProperty(ComputeDevice.PROPERTY);
        System.clearProperty(ComputeDevice.PROPERTY);
        try {
            assertEquals(Device.cpu(), ComputeDevice.get());
        } finally {
            if (before != null) {
                System.setProperty(ComputeDevice.PROPERTY, before);
            }
        }
    }
}
