package org.attnlab.experiment;

import java.util.List;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;

/**
 * One configured experiment: turns one analysed instance into a typed result and never writes anything
 * itself. The runner stores the result beside the common fields (model, id, label, prediction, tokens,
 * measures) of an {@link InstanceRecord}.
 *
 * @param <R> the result record
 */
public interface Experiment<R> {

    /** The importance measures whose scores go into every record of this experiment. */
    List<ImportanceMeasure> measures();

    /**
     * The result for {@code instance}, or {@code null} when the instance does not qualify (e.g. a single
     * real token), in which case the record says so.
     */
    R run(Instance instance);

    /**
     * {@link #run(Instance)} for an experiment that also reads the subject's companion models (those its type's
     * {@link ExperimentType#companions} asked for); the others need not override it.
     */
    default R run(Instance instance, Companions companions) {
        return run(instance);
    }
}
