package org.attnlab.spark;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.djl.Models;

/**
 * The models open in this JVM (a Spark executor, or the driver under a local master), so an executor opens
 * each model once per concurrently running task and reuses it for every later task of that model. A model
 * is used by one task at a time (an analysed instance is not thread-safe); DJL's one-gradient-collector
 * rule is kept by the core's GradientLock.
 */
final class ModelPool {

    private static final Map<String, Deque<ClassifierModel>> IDLE = new HashMap<>();

    private ModelPool() {
    }

    /** A borrowed model, and whether this borrow opened it. */
    record Lease(ClassifierModel model, boolean opened) {
    }

    /** An idle open model of {@code dir}, or a newly opened one. */
    static Lease borrow(String dir) {
        synchronized (IDLE) {
            ClassifierModel m = IDLE.computeIfAbsent(dir, d -> new ArrayDeque<>()).poll();
            if (m != null) {
                return new Lease(m, false);
            }
        }
        return new Lease(Models.load(Path.of(dir)), true);
    }

    static void release(String dir, ClassifierModel model) {
        synchronized (IDLE) {
            IDLE.computeIfAbsent(dir, d -> new ArrayDeque<>()).push(model);
        }
    }

    /** Closes every idle model (the driver, after a job under a local master). */
    static void closeAll() {
        List<ClassifierModel> all = new ArrayList<>();
        synchronized (IDLE) {
            IDLE.values().forEach(all::addAll);
            IDLE.clear();
        }
        all.forEach(ClassifierModel::close);
    }
}
