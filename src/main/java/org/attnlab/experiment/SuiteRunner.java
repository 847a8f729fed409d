package org.attnlab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.attnlab.data.Example;
import org.attnlab.io.Progress;
import org.attnlab.model.ClassifierModel;

/**
 * Runs experiments over subjects and appends one record per (experiment, model, instance) to
 * {@code records/<experiment>.jsonl} under the run directory, in subject order then sample order.
 * Instance-major, so the forward and gradients of an instance are shared by all experiments; whatever a
 * previous (killed) run finished is skipped, and records another engine left as {@link RecordParts} are
 * appended instead of recomputed. The caller holds the run directory's {@link RunLock}.
 */
public final class SuiteRunner {

    /**
     * An instance some experiments still need a record for, and which.
     *
     * @param model   the subject's model name
     * @param example the instance
     * @param missing the experiments without a record (in suite order)
     */
    public record Pending(String model, Example example, List<PlannedExperiment> missing) {

        public Pending {
            missing = List.copyOf(missing);
        }
    }

    private final List<PlannedExperiment> experiments;
    private final Path runDir;
    private final boolean progress;

    public SuiteRunner(List<PlannedExperiment> experiments, Path runDir, boolean progress) {
        this.experiments = List.copyOf(experiments);
        this.runDir = runDir;
        this.progress = progress;
    }

    /**
     * What is left to compute, per subject in order: instances missing a record that no finished part
     * holds either. Reads the records files (cutting a torn last line), so the caller holds the lock.
     */
    public List<Pending> pending(List<Subject> subjects) {
        Map<String, String> parts = RecordParts.read(runDir);
        Map<PlannedExperiment, RecordSink> sinks = open();
        try {
            List<Pending> out = new ArrayList<>();
            for (Subject s : subjects) {
                for (Example ex : s.instances()) {
                    List<PlannedExperiment> missing = missing(sinks, parts, s.model(), ex.id());
                    if (!missing.isEmpty()) {
                        out.add(new Pending(s.model(), ex, missing));
                    }
                }
            }
            return out;
        } finally {
            sinks.values().forEach(RecordSink::close);
        }
    }

    /**
     * Appends every missing record, taking it from a finished part where there is one and computing it
     * otherwise; removes the parts when done.
     *
     * @param compute false when an engine has computed everything: a record neither present nor in a part is
     *                then an error (a lost record), not recomputed here
     * @return wall seconds spent per model that had work (for provenance; never in records)
     */
    public Map<String, Double> run(List<Subject> subjects, boolean compute) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, String> parts = RecordParts.read(runDir);
        Map<PlannedExperiment, RecordSink> sinks = open();
        try {
            for (Subject s : subjects) {
                List<Example> pending = new ArrayList<>();
                for (Example ex : s.instances()) {
                    if (sinks.values().stream().anyMatch(sink -> !sink.isDone(s.model(), ex.id()))) {
                        pending.add(ex);
                    }
                }
                if (pending.isEmpty()) {
                    continue;
                }
                long start = System.nanoTime();
                ClassifierModel model = null;
                OpenCompanions companions = null;
                try (ProgressBar bar = progress ? Progress.bar(s.model(), pending.size()) : null) {
                    for (Example ex : pending) {
                        List<PlannedExperiment> computed = missing(sinks, parts, s.model(), ex.id());
                        if (!computed.isEmpty() && !compute) {
                            throw new IllegalStateException(runDir + ": no record of " + s.model() + " / " + ex.id() + " for "
                                    + computed.stream().map(e -> e.type().id()).toList() + " after the engine finished");
                        }
                        if (!computed.isEmpty() && model == null) {
                            model = s.loader().get();
                            companions = OpenCompanions.closing(s.companions());
                        }
                        List<String> lines = computed.isEmpty() ? List.of()
                                : InstanceRecords.lines(model, companions, s.model(), s.labels(), s.maxLength(), ex, computed);
                        for (PlannedExperiment e : experiments) {
                            RecordSink sink = sinks.get(e);
                            if (sink.isDone(s.model(), ex.id())) {
                                continue;
                            }
                            int k = computed.indexOf(e);
                            sink.append(k >= 0 ? lines.get(k) : parts.get(RecordParts.key(e.type().id(), s.model(), ex.id())));
                        }
                        if (bar != null) {
                            bar.step();
                        }
                    }
                } finally {
                    if (companions != null) {
                        companions.close();
                    }
                    if (model != null) {
                        model.close();
                    }
                }
                seconds.put(s.model(), (System.nanoTime() - start) / 1e9);
            }
        } finally {
            sinks.values().forEach(RecordSink::close);
        }
        RecordParts.clear(runDir);
        return seconds;
    }

    /** {@link #run(List, boolean)} computing whatever is missing. */
    public Map<String, Double> run(List<Subject> subjects) {
        return run(subjects, true);
    }

    /** The experiments with neither a record nor a finished part for (model, id), in suite order. */
    private List<PlannedExperiment> missing(Map<PlannedExperiment, RecordSink> sinks, Map<String, String> parts,
                                            String model, String id) {
        return experiments.stream()
                .filter(e -> !sinks.get(e).isDone(model, id) && !parts.containsKey(RecordParts.key(e.type().id(), model, id)))
                .toList();
    }

    private Map<PlannedExperiment, RecordSink> open() {
        Map<PlannedExperiment, RecordSink> sinks = new LinkedHashMap<>();
        try {
            for (PlannedExperiment e : experiments) {
                sinks.put(e, new RecordSink(Records.file(runDir, e.type())));
            }
        } catch (RuntimeException e) {
            sinks.values().forEach(RecordSink::close);
            throw e;
        }
        return sinks;
    }
}
