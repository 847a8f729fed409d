package org.attnlab.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.attnlab.data.Example;
import org.attnlab.experiment.ExperimentContext;
import org.attnlab.experiment.ExperimentSettings;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.ExperimentTypes;
import org.attnlab.experiment.InstanceRecords;
import org.attnlab.experiment.OpenCompanions;
import org.attnlab.experiment.PlannedExperiment;
import org.attnlab.experiment.RecordParts;
import org.attnlab.explain.AttentionView;
import org.attnlab.io.Json;
import org.attnlab.model.ClassifierModel;

/**
 * What one Spark task does with a {@link WorkChunk}: rebuilds the suite's experiments, takes the model from
 * the executor's {@link ModelPool}, makes each instance's missing records through the core's
 * {@link InstanceRecords} (the code path of a local run) and writes them as one atomic part. A retried
 * attempt simply writes the same part again.
 */
final class ChunkTask {

    /**
     * Test-only fault injection: a directory; the first attempt of every task leaves a marker there and
     * fails after computing its records, before writing its part.
     */
    static final String FAIL_ONCE_PROPERTY = "attnlab.spark.failOnce";

    /** Test-only: milliseconds each task waits before writing its part (so that a test can kill a run mid-job). */
    static final String DELAY_PROPERTY = "attnlab.spark.taskDelayMillis";

    private ChunkTask() {
    }

    static ChunkResult run(WorkChunk c) {
        // libtorch's grad mode and intra-op thread count are per thread: as on the main thread, or the
        // records differ in the last bits.
        org.attnlab.model.djl.EngineThreads.configureCurrentThread();
        List<PlannedExperiment> experiments = experiments(c);
        long start = System.nanoTime();
        ModelPool.Lease lease = ModelPool.borrow(c.modelDir());
        ClassifierModel model = lease.model();
        double open = (System.nanoTime() - start) / 1e9;
        long computeStart = System.nanoTime();
        List<String> entries = new ArrayList<>();
        // Companion models (W&P's experiments) come from the same pool, opened only when an experiment asks.
        Map<String, Supplier<ClassifierModel>> openers = new LinkedHashMap<>();
        c.companionDirs().forEach((role, dir) -> openers.put(role, () -> ModelPool.borrow(dir).model()));
        OpenCompanions companions = new OpenCompanions(openers, (role, m) -> ModelPool.release(c.companionDirs().get(role), m));
        try {
            for (WorkChunk.Item item : c.items()) {
                List<PlannedExperiment> missing = experiments.stream().filter(e -> item.missing().contains(e.type().id())).toList();
                List<String> lines = InstanceRecords.lines(model, companions, c.model(), c.labels(), c.maxLength(),
                        new Example(item.id(), item.text(), item.label()), missing);
                for (int k = 0; k < missing.size(); k++) {
                    entries.add(RecordParts.entry(missing.get(k).type().id(), lines.get(k)));
                }
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        } finally {
            companions.close();
        }
        ModelPool.release(c.modelDir(), model);
        double compute = (System.nanoTime() - computeStart) / 1e9;
        failOnceIfAsked(c.name());
        delayIfAsked();
        Path runDir = Path.of(c.runDir());
        RecordParts.write(runDir, c.name(), entries);
        long bytes;
        try {
            bytes = Files.size(RecordParts.dir(runDir).resolve(c.name() + ".part"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChunkResult(c.name(), c.items().size(), lease.opened(), open, compute, bytes);
    }

    /** The suite's experiments as the driver's plan built them: same types, same resolved settings, same context. */
    static List<PlannedExperiment> experiments(WorkChunk c) {
        ExperimentContext context = new ExperimentContext(new AttentionView(c.view()[0], c.view()[1], c.view()[2]), c.seed());
        List<PlannedExperiment> out = new ArrayList<>();
        for (WorkChunk.ExperimentRecipe r : c.experiments()) {
            ExperimentType<?, ?, ?> type = ExperimentTypes.byId(r.type())
                    .orElseThrow(() -> new IllegalStateException("unknown experiment type " + r.type() + " on this executor"));
            out.add(plan(type, r.settingsJson(), context));
        }
        return out;
    }

    private static <S extends ExperimentSettings> PlannedExperiment plan(ExperimentType<S, ?, ?> type, String json,
                                                                         ExperimentContext context) {
        try {
            return PlannedExperiment.of(type, Json.MAPPER.readValue(json, type.settingsType()), context);
        } catch (IOException e) {
            throw new UncheckedIOException(type.id() + ": settings do not read back (" + e.getMessage() + ")", e);
        }
    }

    private static void delayIfAsked() {
        long millis = Long.getLong(DELAY_PROPERTY, 0L);
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static void failOnceIfAsked(String name) {
        String dir = System.getProperty(FAIL_ONCE_PROPERTY);
        if (dir == null) {
            return;
        }
        try {
            Path marker = Files.createDirectories(Path.of(dir)).resolve(name + ".failed");
            if (!Files.exists(marker)) {
                Files.createFile(marker);
                throw new IllegalStateException("injected failure of the first attempt of task " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
