package org.attnlab.experiment;

/**
 * One experiment of a suite plan: its type, its resolved settings (recorded in provenance) and the
 * experiment built from them.
 */
public record PlannedExperiment(ExperimentType<?, ?, ?> type, ExperimentSettings settings, Experiment<?> experiment) {

    /** Binds {@code settings} to {@code type} and builds the experiment: one unchecked step, checked by the binding. */
    @SuppressWarnings("unchecked")
    public static <S extends ExperimentSettings> PlannedExperiment of(ExperimentType<S, ?, ?> type, ExperimentSettings settings,
                                                                ExperimentContext context) {
        S typed = type.settingsType().cast(settings);
        return new PlannedExperiment(type, typed, type.create(typed, context));
    }

    /** The companion models this experiment needs beside each subject (its type's {@code companions}). */
    public java.util.List<Companion> companions() {
        return companionsOf(type, settings);
    }

    private static <S extends ExperimentSettings> java.util.List<Companion> companionsOf(ExperimentType<S, ?, ?> type,
                                                                                       ExperimentSettings settings) {
        return type.companions(type.settingsType().cast(settings));
    }
}
