package org.attnlab.report;

import java.util.List;
import java.util.Map;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.ResultRecord;

/**
 * How one experiment type appears in a report: its console headline rows, its summary tables and its
 * figure family, all read from the type's typed summaries and records (never from JSON by key).
 *
 * @param <R> the type's result record
 * @param <M> the type's summary record
 */
public interface ExperimentReport<R, M> {

    ExperimentType<?, R, M> type();

    /** Adds this model's rows (statistic → cell) to the console headline. */
    void headline(String model, M summary, Headline lines);

    /** The type's tables over the models that ran it (possibly none). */
    List<Table> tables(Map<String, M> byModel);

    /** The type's figures from the records, per model in order of appearance (possibly none). */
    List<Figure> figures(Map<String, List<ResultRecord<R>>> byModel);

    /**
     * {@link #figures(Map)} for a family that also draws other types' records of the same run (Wiegreffe &amp;
     * Pinter's Figure 3 puts J&amp;W's adversaries beside the seed variants); the others need not override it.
     */
    default List<Figure> figures(Map<String, List<ResultRecord<R>>> byModel, RunRecords run) {
        return figures(byModel);
    }
}
