package org.attnlab.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.attnlab.model.ClassifierModel;

/**
 * {@link Companions} that open each model on first use and hand every opened one back when closed: the local runner
 * closes them, a distributed engine returns them to its pool.
 */
public final class OpenCompanions implements Companions, AutoCloseable {

    private final Map<String, Supplier<ClassifierModel>> openers;
    private final BiConsumer<String, ClassifierModel> release;
    private final Map<String, ClassifierModel> open = new LinkedHashMap<>();

    /**
     * @param openers role to how its model is opened
     * @param release what becomes of an opened model when this closes (role, model)
     */
    public OpenCompanions(Map<String, Supplier<ClassifierModel>> openers, BiConsumer<String, ClassifierModel> release) {
        this.openers = Map.copyOf(openers);
        this.release = release;
    }

    /** Companions opened from {@code openers} and closed with this. */
    public static OpenCompanions closing(Map<String, Supplier<ClassifierModel>> openers) {
        return new OpenCompanions(openers, (role, model) -> model.close());
    }

    @Override
    public ClassifierModel model(String role) {
        ClassifierModel m = open.get(role);
        if (m == null) {
            Supplier<ClassifierModel> opener = openers.get(role);
            if (opener == null) {
                throw new IllegalStateException("no companion model '" + role + "' (this subject has " + openers.keySet() + ")");
            }
            m = opener.get();
            open.put(role, m);
        }
        return m;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Map.Entry<String, ClassifierModel> e : open.entrySet()) {
            try {
                release.accept(e.getKey(), e.getValue());
            } catch (RuntimeException ex) {
                if (first == null) {
                    first = ex;
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
