package org.attnlab.experiment;

import org.attnlab.explain.AttentionView;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Measures;

/**
 * The suite-wide choices every experiment is built with.
 *
 * @param view which attention is "the" attention (checked against each model when the plan is made)
 * @param seed the suite seed: every random choice derives from it, the model name and the instance id
 */
public record ExperimentContext(AttentionView view, long seed) {

    /** The measure {@code id} built with this context and the experiment's measure options. */
    public ImportanceMeasure measure(String id, MeasureOptions options) {
        return Measures.byId(id, new Measures.Settings(view, options.igSteps(), options.limeSamples(), seed));
    }
}
