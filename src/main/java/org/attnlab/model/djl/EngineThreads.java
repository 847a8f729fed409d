package org.attnlab.model.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gives the calling thread the PyTorch state that DJL sets only on the thread that starts the engine: grad
 * mode off and {@code ai.djl.pytorch.num_threads} intra-op threads. Both are per-thread in libtorch, and
 * both change numbers in the last bits (grad mode picks another LSTM kernel; a thread count sums in another
 * order), so every thread that analyses instances (e.g. a Spark task's) calls this first to make the same
 * records as the main thread.
 */
public final class EngineThreads {

    private EngineThreads() {
    }

    public static void configureCurrentThread() {
        Engine.getEngine("PyTorch"); // starts the engine (and loads the native library) if nothing has yet
        JniUtils.setGradMode(false);
        Integer n = Integer.getInteger("ai.djl.pytorch.num_threads");
        if (n != null && n > 0) {
            JniUtils.setNumThreads(n);
        }
    }
}
