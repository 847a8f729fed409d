package org.attnlab.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.attnlab.data.Example;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.model.ClassifierModel;

/**
 * Runs experiments over subjects and appends one record per (experiment, model, instance) to
 * {@code records/<experiment>.jsonl} under the run directory. Instance-major, so the forward and
 * gradients of an instance are shared by all experiments; whatever a previous (killed) run finished
 * is skipped.
 */
public final class SuiteRunner {

    /** snake_case JSON, shared by records and summaries. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final List<Experiment> experiments;
    private final Path runDir;
    private final boolean progress;

    public SuiteRunner(List<Experiment> experiments, Path runDir, boolean progress) {
        this.experiments = List.copyOf(experiments);
        this.runDir = runDir;
        this.progress = progress;
    }

    public static Path recordsFile(Path runDir, String experiment) {
        return runDir.resolve("records").resolve(experiment + ".jsonl");
    }

    /** @return wall seconds spent per model (for provenance; never in records) */
    public Map<String, Double> run(List<Subject> subjects) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, RecordSink> sinks = new LinkedHashMap<>();
        try {
            for (Experiment e : experiments) {
                sinks.put(e.id(), new RecordSink(recordsFile(runDir, e.id()), JSON));
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
                try (ClassifierModel model = s.loader().get(); ProgressBar bar = bar(s.model(), pending.size())) {
                    for (Example ex : pending) {
                        Instance x = new Instance(model, ex.id(), model.tokenize(ex.text(), true).truncated(s.maxLength()),
                                s.labels().indexOf(ex.label()));
                        for (Experiment e : experiments) {
                            RecordSink sink = sinks.get(e.id());
                            if (!sink.isDone(s.model(), ex.id())) {
                                sink.append(record(s, ex, x, e));
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

    private static ObjectNode record(Subject s, Example ex, Instance x, Experiment e) {
        Map<String, double[]> measures = new LinkedHashMap<>();
        for (ImportanceMeasure m : e.measures()) {
            measures.put(m.id(), x.importance(m).scores());
        }
        Object result = e.run(x);
        InstanceRecord common = new InstanceRecord(s.model(), ex.id(), ex.label(), s.labels().get(x.predicted()),
                x.probabilities(), x.input().tokens(), x.input().special(), measures);
        ObjectNode node = JSON.valueToTree(common);
        node.put("qualifies", result != null);
        if (result != null) {
            node.setAll((ObjectNode) JSON.valueToTree(result));
        }
        return node;
    }

    private ProgressBar bar(String model, int steps) {
        if (!progress) {
            return null;
        }
        return org.attnlab.io.Progress.bar(model, steps);
    }
}
