package org.attnlab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.attnlab.data.Example;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.io.Progress;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.NotApplicableException;

/**
 * Runs experiments over subjects and appends one record per (experiment, model, instance) to
 * {@code records/<experiment>.jsonl} under the run directory. Instance-major, so the forward and
 * gradients of an instance are shared by all experiments; whatever a previous (killed) run finished
 * is skipped. The caller holds the run directory's {@link RunLock}.
 */
public final class SuiteRunner {

    private final List<PlannedExperiment> experiments;
    private final Path runDir;
    private final boolean progress;

    public SuiteRunner(List<PlannedExperiment> experiments, Path runDir, boolean progress) {
        this.experiments = List.copyOf(experiments);
        this.runDir = runDir;
        this.progress = progress;
    }

    /** @return wall seconds spent per model (for provenance; never in records) */
    public Map<String, Double> run(List<Subject> subjects) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<PlannedExperiment, RecordSink> sinks = new LinkedHashMap<>();
        try {
            for (PlannedExperiment e : experiments) {
                sinks.put(e, new RecordSink(Records.file(runDir, e.type())));
            }
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
                try (ClassifierModel model = s.loader().get(); ProgressBar bar = progress ? Progress.bar(s.model(), pending.size()) : null) {
                    for (Example ex : pending) {
                        Instance x = new Instance(model, ex.id(), model.tokenize(ex.text(), true).truncated(s.maxLength()),
                                s.labels().indexOf(ex.label()));
                        for (Map.Entry<PlannedExperiment, RecordSink> e : sinks.entrySet()) {
                            if (!e.getValue().isDone(s.model(), ex.id())) {
                                e.getValue().append(record(s, ex, x, e.getKey().experiment()));
                            }
                        }
                        if (bar != null) {
                            bar.step();
                        }
                    }
                }
                seconds.put(s.model(), (System.nanoTime() - start) / 1e9);
            }
        } finally {
            sinks.values().forEach(RecordSink::close);
        }
        return seconds;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode record(Subject s, Example ex, Instance x, Experiment<?> e) {
        Map<String, double[]> measures = new LinkedHashMap<>();
        for (ImportanceMeasure m : e.measures()) {
            try {
                measures.put(m.id(), x.importance(m).scores());
            } catch (NotApplicableException notForThisModel) {
                // e.g. ALTI on an RNN: left out of the record; the experiment records why, where it cares
            }
        }
        Object result = e.run(x);
        InstanceRecord common = new InstanceRecord(s.model(), ex.id(), ex.label(), s.labels().get(x.predicted()),
                x.probabilities(), x.input().tokens(), x.input().special(), measures);
        return Records.encode(common, result);
    }
}
