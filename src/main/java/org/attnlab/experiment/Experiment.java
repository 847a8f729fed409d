package org.attnlab.experiment;

import java.util.List;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;

/**
 * Turns one analysed instance into the experiment's results; never writes anything itself. The
 * runner adds the common fields (model, id, label, prediction, tokens, measures) around the result.
 */
public interface Experiment {

    /** Name used in suites and as the records file name, e.g. {@code "correlation"}. */
    String id();

    /** The importance measures whose scores go into every record of this experiment. */
    List<ImportanceMeasure> measures();

    /**
     * The experiment's result for {@code instance}: an object Jackson serialises (a record), whose
     * properties become top-level fields of the record; {@code null} when the instance does not
     * qualify (e.g. a single real token), in which case the record says so.
     */
    Object run(Instance instance);
}
