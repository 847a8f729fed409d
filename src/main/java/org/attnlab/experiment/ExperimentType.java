package org.attnlab.experiment;

import java.util.List;
import java.util.Map;

/**
 * A kind of experiment as a plug-in: its name in suites and records files, the settings a suite may give
 * it (a record bound from YAML with only its own keys, defaults and checks in its constructor), the
 * experiment those settings make, the typed result it records per instance, and the statistics it
 * summarises one model's records into. The report draws its tables and figures from the same types
 * (see {@code report.ExperimentReport}); {@link ExperimentTypes} lists them all.
 *
 * @param <S> settings record
 * @param <R> per-instance result record
 * @param <M> per-model summary record (written to {@code summary.json})
 */
public interface ExperimentType<S extends ExperimentSettings, R, M> {

    /** Name used in suites ({@code type:}) and as the records file name, e.g. {@code "correlation"}. */
    String id();

    Class<S> settingsType();

    Class<R> resultType();

    /** Builds the experiment; the settings are already valid, the context holds the suite-wide choices. */
    Experiment<R> create(S settings, ExperimentContext context);

    /**
     * The models derived from each subject's training spec that the experiment reads beside the subject (see
     * {@link Companion}); none by default. A suite with such an experiment names its models by RNN spec.
     */
    default List<Companion> companions(S settings) {
        return List.of();
    }

    /** One model's statistics from its records (qualifying or not), computed from the records alone. */
    M summarize(List<ResultRecord<R>> records);

    /**
     * The statistics of one model's summary that are a mean over instances with its per-instance spread, by a name
     * unique within the type (e.g. {@code tau attention~gradient}): what a seed group reports as the mean and spread
     * of its models' means ({@link SeedGroupSummary}). None by default.
     */
    default Map<String, org.attnlab.stats.Summary> perInstanceStatistics(M summary) {
        return Map.of();
    }
}
