package org.attnlab.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.attnlab.experiment.PlannedExperiment;
import org.attnlab.experiment.PreparedSuite;
import org.attnlab.experiment.SuiteEngine;
import org.attnlab.experiment.SuiteRunner;
import org.attnlab.io.Json;

/**
 * Computes a suite's pending (model, instance) records as Spark tasks. Each task takes consecutive instances
 * of one model ({@link WorkChunk}), so it opens (or reuses, see {@link ModelPool}) one model, and writes one
 * atomic part; the driver ({@link PreparedSuite#run(boolean, SuiteEngine)}) then appends the parts to the
 * records files in the local order under the run's lock. Models, data and the run directory must be on a
 * filesystem every node sees.
 */
public final class SparkSuiteEngine implements SuiteEngine {

    /** Spark configuration key: instances per task (default: each model's pending instances over 2 × parallelism). */
    public static final String INSTANCES_PER_TASK = "spark.attnlab.instancesPerTask";

    private final String master;
    private final Map<String, String> settings = new LinkedHashMap<>();

    /** @param master a Spark master URL, or null for the one spark-submit configured */
    public SparkSuiteEngine(String master) {
        this.master = master;
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Map<String, String> settings() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    @Override
    public void compute(PreparedSuite suite, List<SuiteRunner.Pending> pending) throws IOException {
        SparkConf conf = new SparkConf().setAppName("attnlab " + suite.plan().spec().name() + " " + suite.runId())
                .setIfMissing("spark.ui.enabled", "false");
        if (master != null) {
            conf.setMaster(master);
        }
        settings.clear();
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            settings.put("master", spark.master());
            settings.put("spark_version", spark.version());
            int perTask = conf.getInt(INSTANCES_PER_TASK, 0);
            List<WorkChunk> chunks = chunks(suite, pending, perTask, spark.defaultParallelism());
            List<ChunkResult> results = spark.parallelize(chunks, chunks.size()).map(ChunkTask::run).collect();
            measure(chunks, results);
        } finally {
            if (settings.getOrDefault("master", "").startsWith("local")) {
                ModelPool.closeAll(); // the tasks ran in this JVM
            }
        }
    }

    /**
     * Consecutive pending instances of each model, {@code perTask} at a time (0: each model's pending
     * instances split into about twice the parallelism), named so that they sort in the local order.
     */
    static List<WorkChunk> chunks(PreparedSuite suite, List<SuiteRunner.Pending> pending, int perTask, int parallelism)
            throws IOException {
        List<WorkChunk.ExperimentRecipe> recipes = new ArrayList<>();
        for (PlannedExperiment e : suite.plan().experiments()) {
            recipes.add(new WorkChunk.ExperimentRecipe(e.type().id(), Json.MAPPER.writeValueAsString(e.settings())));
        }
        int[] view = {suite.plan().view().layer(), suite.plan().view().head(), suite.plan().view().row()};
        List<WorkChunk> out = new ArrayList<>();
        for (int m = 0; m < suite.models().size(); m++) {
            PreparedSuite.CheckedModel c = suite.models().get(m);
            List<WorkChunk.Item> items = pending.stream().filter(p -> p.model().equals(c.plan().name()))
                    .map(p -> new WorkChunk.Item(p.example().id(), p.example().text(), p.example().label(),
                            p.missing().stream().map(e -> e.type().id()).toList()))
                    .toList();
            if (items.isEmpty()) {
                continue;
            }
            Map<String, String> companionDirs = new LinkedHashMap<>();
            c.companionDirs().forEach((role, dir) -> companionDirs.put(role, dir.toAbsolutePath().toString()));
            int size = perTask > 0 ? perTask : Math.max(1, (int) Math.ceil(items.size() / (2.0 * parallelism)));
            for (int from = 0, k = 0; from < items.size(); from += size, k++) {
                String name = String.format(Locale.ROOT, "m%03d-c%05d-%s", m, k, suite.runId());
                out.add(new WorkChunk(name, suite.runDir().toAbsolutePath().toString(), c.plan().name(),
                        c.dir().toAbsolutePath().toString(), c.dataset().labels(), c.plan().maxLength(), recipes, view,
                        suite.plan().spec().seed(), List.copyOf(items.subList(from, Math.min(items.size(), from + size))),
                        companionDirs));
            }
        }
        return out;
    }

    /** Per-task overhead for sizing a cluster: model opens, time per instance, bytes shipped and written. */
    private void measure(List<WorkChunk> chunks, List<ChunkResult> results) throws IOException {
        long taskBytes = 0;
        for (WorkChunk c : chunks) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(c);
            }
            taskBytes += bytes.size();
        }
        int instances = results.stream().mapToInt(ChunkResult::instances).sum();
        List<ChunkResult> opening = results.stream().filter(ChunkResult::opened).toList();
        settings.put("tasks", Integer.toString(results.size()));
        settings.put("instances", Integer.toString(instances));
        settings.put("task_bytes_total", Long.toString(taskBytes));
        settings.put("part_bytes_total", Long.toString(results.stream().mapToLong(ChunkResult::partBytes).sum()));
        settings.put("model_opens", Integer.toString(opening.size()));
        settings.put("model_open_seconds_total", fmt(opening.stream().mapToDouble(ChunkResult::openSeconds).sum()));
        settings.put("compute_seconds_total", fmt(results.stream().mapToDouble(ChunkResult::computeSeconds).sum()));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
