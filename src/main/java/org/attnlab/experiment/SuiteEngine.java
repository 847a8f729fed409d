package org.attnlab.experiment;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Computes a suite's pending (model, instance) records somewhere other than the calling thread, e.g. on a
 * Spark cluster, and leaves them as {@link RecordParts} under the run directory. Validation, training,
 * the merge into the records files (in the local order), the summary and provenance stay with
 * {@link PreparedSuite#run(boolean, SuiteEngine)}, which holds the run's lock meanwhile. Every record is
 * made by {@link InstanceRecords}, so an engine changes where records are computed, never what they are.
 * Engines live in their own modules and are found through {@link ServiceLoader} ({@link Factory}), so the
 * core has no dependency on any of them.
 */
public interface SuiteEngine {

    /** The engine's name in provenance, e.g. {@code spark}. */
    String name();

    /** What provenance records about the engine besides its name (e.g. the master URL). */
    Map<String, String> settings();

    /**
     * Computes the records of {@code pending} (in any order, on any machine) into {@code suite.runDir()}'s
     * parts; returns when every one of them is in a finished part, or throws.
     */
    void compute(PreparedSuite suite, List<SuiteRunner.Pending> pending) throws IOException;

    /** Makes an engine from its command-line argument (e.g. the Spark master URL). */
    interface Factory {

        String name();

        SuiteEngine create(String argument);
    }

    /** The engine {@code name} configured by {@code argument}, if its module is on the class path. */
    static Optional<SuiteEngine> find(String name, String argument) {
        for (Factory f : ServiceLoader.load(Factory.class)) {
            if (f.name().equals(name)) {
                return Optional.of(f.create(argument));
            }
        }
        return Optional.empty();
    }
}
