package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Opens DJL gradient collectors one at a time per JVM. PyTorch's DJL engine allows only one open
 * collector per JVM (a static flag; a second one throws), so threads that analyse instances side by side
 * (e.g. Spark tasks in one executor) wait here for each other's backward passes while their forward
 * passes run in parallel. The collector given out releases the lock when closed.
 */
public final class GradientLock {

    private static final ReentrantLock LOCK = new ReentrantLock();

    private GradientLock() {
    }

    /** A new collector on {@code manager}'s engine, once no other thread holds one. */
    public static GradientCollector open(NDManager manager) {
        LOCK.lock();
        try {
            GradientCollector delegate = manager.getEngine().newGradientCollector();
            return new GradientCollector() {
                @Override
                public void backward(NDArray target) {
                    delegate.backward(target);
                }

                @Override
                public void zeroGradients() {
                    delegate.zeroGradients();
                }

                @Override
                public void close() {
                    try {
                        delegate.close();
                    } finally {
                        LOCK.unlock();
                    }
                }
            };
        } catch (RuntimeException e) {
            LOCK.unlock();
            throw e;
        }
    }
}
