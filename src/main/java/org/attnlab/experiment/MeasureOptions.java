package org.attnlab.experiment;

import java.util.List;
import org.attnlab.explain.LimeMeasure;
import org.attnlab.explain.Measures;

/**
 * Settings of the measures that have some, given in the experiments that name measures: {@code ig_steps}
 * (integrated gradients' path points, default 20) and {@code lime_samples} (LIME's perturbed copies,
 * default 500). Each is an error where none of the experiment's measures uses it, so a setting is
 * never silently ignored.
 */
public record MeasureOptions(int igSteps, int limeSamples) {

    public static final int DEFAULT_IG_STEPS = 20;

    /**
     * Resolves the two optional keys against the measures the experiment names.
     *
     * @throws IllegalArgumentException naming the key that does not apply or is out of range, or an unknown measure
     */
    public static MeasureOptions of(Integer igSteps, Integer limeSamples, List<String> measures) {
        for (String m : measures) {
            if (!Measures.IDS.contains(m)) {
                throw new IllegalArgumentException("unknown importance measure '" + m + "'; expected one of "
                        + String.join(", ", Measures.IDS));
            }
        }
        if (igSteps != null && !measures.contains("integrated-gradients")) {
            throw new IllegalArgumentException("ig_steps: applies only when integrated-gradients is one of the measures "
                    + measures);
        }
        if (limeSamples != null && !measures.contains("lime")) {
            throw new IllegalArgumentException("lime_samples: applies only when lime is one of the measures " + measures);
        }
        int steps = igSteps == null ? DEFAULT_IG_STEPS : igSteps;
        int samples = limeSamples == null ? LimeMeasure.DEFAULT_SAMPLES : limeSamples;
        if (steps < 1) {
            throw new IllegalArgumentException("ig_steps: must be >= 1, got " + steps);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("lime_samples: must be >= 1, got " + samples);
        }
        return new MeasureOptions(steps, samples);
    }
}
