package org.attnlab.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attnlab.config.ConfigException;
import org.attnlab.config.Defaults;
import org.attnlab.data.Checksums;
import org.attnlab.data.Dataset;
import org.attnlab.data.Example;
import org.attnlab.data.Seeds;
import org.attnlab.data.Split;
import org.attnlab.data.TokenizedText;
import org.attnlab.io.Json;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ModelInfo;
import org.attnlab.model.djl.Models;
import org.attnlab.model.training.SpecTraining;

/**
 * A suite plan whose models exist and fit it: trained, opened once and checked (labels, attention view,
 * experiment settings, query rows of the sampled inputs), fingerprinted, with the run id that follows from
 * all of it. Nothing has been written under {@code results/} yet.
 */
public final class PreparedSuite {

    /**
     * A checked model of the suite.
     *
     * @param plan        the plan's entry
     * @param dir         its directory (trained if it was missing)
     * @param info        its shape and labels
     * @param dataset     the dataset it is analysed on
     * @param instances   the sampled instances
     * @param fingerprint its files' hashes
     * @param companions  the models derived from its spec that the experiments read beside it (in plan order)
     */
    public record CheckedModel(SuitePlan.ModelPlan plan, Path dir, ModelInfo info, Dataset dataset, List<Example> instances,
                               ModelFingerprint fingerprint, List<CompanionModels.Prepared> companions) {

        public CheckedModel {
            companions = List.copyOf(companions);
        }

        /** This model with its companions prepared. */
        CheckedModel withCompanions(List<CompanionModels.Prepared> prepared) {
            return new CheckedModel(plan, dir, info, dataset, instances, fingerprint, prepared);
        }

        /** Role to the directory of each companion model. */
        public Map<String, Path> companionDirs() {
            Map<String, Path> out = new LinkedHashMap<>();
            companions.forEach(c -> out.put(c.companion().role(), c.dir()));
            return out;
        }
    }

    private final SuitePlan plan;
    private final List<CheckedModel> models;
    private final String runId;

    private PreparedSuite(SuitePlan plan, List<CheckedModel> models, String runId) {
        this.plan = plan;
        this.models = List.copyOf(models);
        this.runId = runId;
    }

    static PreparedSuite of(SuitePlan plan, PrintWriter console) throws IOException {
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        for (SuitePlan.ModelPlan m : plan.models()) {
            String key = m.datasetKey(plan.suiteFile());
            if (!datasets.containsKey(key)) {
                datasets.put(key, SpecTraining.dataset(m.dataset(), m.datasetBase(plan.suiteFile())));
            }
        }
        List<CheckedModel> checked = new ArrayList<>();
        for (int i = 0; i < plan.models().size(); i++) {
            SuitePlan.ModelPlan m = plan.models().get(i);
            // A seed group's other seeds are variants made in code, trained like the spec's own model.
            Path dir = m.training() != null ? SpecTraining.ensureTrained(m.training(), m.specFile(), false, null, console) : m.dir();
            Dataset d = datasets.get(m.datasetKey(plan.suiteFile()));
            // Companions after the checked base model: an adversary (and a diagnostic of its attention) is trained from it.
            checked.add(check(plan, m, dir, d, sample(plan, d))
                    .withCompanions(CompanionModels.ensure(plan.companions(), m.training(), m.specFile(), dir, console)));
        }
        StringBuilder identity = new StringBuilder(Json.MAPPER.writeValueAsString(resolved(plan)));
        for (CheckedModel c : checked) {
            identity.append('\n').append(c.plan().name()).append(' ').append(c.dataset().name()).append(' ')
                    .append(c.dataset().provenance().sha256()).append(' ').append(c.info().labels()).append(' ')
                    .append(c.plan().maxLength()).append(' ').append(c.fingerprint().sha256());
            for (CompanionModels.Prepared p : c.companions()) {
                identity.append('\n').append(c.plan().name()).append(" companion ").append(p.companion().role()).append(' ')
                        .append(p.fingerprint().sha256());
            }
        }
        return new PreparedSuite(plan, checked, Checksums.sha256(identity.toString()).substring(0, 12));
    }

    /** Opens the model once: labels, view, settings and the sampled inputs' query rows must fit it. */
    private static CheckedModel check(SuitePlan plan, SuitePlan.ModelPlan m, Path dir, Dataset d, List<Example> sample) {
        String at = plan.suiteFile() + ": models (" + m.name() + "): ";
        ModelInfo info;
        try (ClassifierModel model = Models.load(dir)) {
            info = model.info();
            if (!info.labels().equals(d.labels())) {
                throw new ConfigException(at + "labels " + info.labels() + " (" + dir.resolve("config.json") + ") differ from "
                        + "dataset " + d.name() + "'s " + d.labels() + "; they must match in order");
            }
            try {
                plan.view().checkAgainst(info);
                for (PlannedExperiment e : plan.experiments()) {
                    e.settings().checkAgainst(info);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(plan.suiteFile() + ": " + e.getMessage(), e);
            }
            if (plan.view().row() > 0 && !sample.isEmpty()) {
                // The fewest query rows among the sampled inputs: one forward of the shortest one tells.
                List<TokenizedText> inputs = sample.stream()
                        .map(ex -> model.tokenize(ex.text(), true).truncated(m.maxLength())).toList();
                int shortest = 0;
                for (int k = 1; k < inputs.size(); k++) {
                    if (inputs.get(k).length() < inputs.get(shortest).length()) {
                        shortest = k;
                    }
                }
                float[][][][] a = model.forward(inputs.get(shortest), ForwardOptions.WITH_ATTENTIONS).attentions();
                try {
                    plan.view().checkRow(a[0][0].length, m.name(), sample.get(shortest).id());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(plan.suiteFile() + ": " + e.getMessage(), e);
                }
            }
        }
        return new CheckedModel(m, dir, info, d, sample, ModelFingerprint.of(dir), List.of());
    }

    /**
     * The first {@code size} examples of the split after a shuffle seeded by the suite seed and the dataset's name;
     * for the test split, the name of the dataset whose test split it is, so that datasets sharing a test split
     * ({@code imdb-jw} and {@code imdb-jw-truncated}) are analysed on the same examples.
     */
    static List<Example> sample(SuitePlan plan, Dataset d) {
        Split split = Split.valueOf(plan.spec().split().toUpperCase(Locale.ROOT));
        String drawnFrom = split == Split.TEST ? d.testSplitOf() : d.name();
        List<Example> pool = new ArrayList<>(d.split(split));
        Collections.shuffle(pool, Seeds.random(plan.spec().seed(), "sample", drawnFrom, plan.spec().split()));
        return List.copyOf(pool.subList(0, Math.min(plan.spec().sample().size(), pool.size())));
    }

    /** Every choice that shapes the records, resolved (defaults filled in): hashed into the run id, kept in provenance. */
    static Map<String, Object> resolved(SuitePlan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", plan.spec().seed());
        out.put("split", plan.spec().split());
        out.put("sample_size", plan.spec().sample().size());
        out.put("attention", plan.view());
        List<Map<String, Object>> experiments = new ArrayList<>();
        for (PlannedExperiment e : plan.experiments()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("type", e.type().id());
            x.put("settings", e.settings());
            experiments.add(x);
        }
        out.put("experiments", experiments);
        if (!plan.seedGroups().isEmpty()) { // only then: the run ids of suites without seeds stay as they were
            out.put("seed_groups", plan.seedGroups());
        }
        return out;
    }

    public SuitePlan plan() {
        return plan;
    }

    public List<CheckedModel> models() {
        return models;
    }

    public String runId() {
        return runId;
    }

    /** {@code results/<suite>/<run-id>/}: where {@link #run} writes. */
    public Path runDir() {
        return Defaults.resultsDir().resolve(plan.spec().name()).resolve(runId);
    }

    /**
     * Runs the suite into {@link #runDir()} in this process, resuming whatever an earlier run of the same plan
     * finished, and writes {@code provenance.json} and {@code summary.json}. Refuses while another process runs it.
     */
    public SuiteResult run(boolean progress) throws IOException {
        return run(progress, null);
    }

    /**
     * {@link #run(boolean)} with the pending (model, instance) work computed by {@code engine} (null: in this
     * process). The records are the same either way, byte for byte, and either kind of run resumes the other.
     */
    public SuiteResult run(boolean progress, SuiteEngine engine) throws IOException {
        Path runDir = runDir();
        Files.createDirectories(runDir);
        try (RunLock lock = RunLock.acquire(runDir)) {
            long start = System.nanoTime();
            List<Subject> subjects = subjects();
            SuiteRunner runner = new SuiteRunner(plan.experiments(), runDir, progress);
            Map<String, Double> seconds = new LinkedHashMap<>();
            if (engine != null) {
                List<SuiteRunner.Pending> pending = runner.pending(subjects);
                long t = System.nanoTime();
                if (!pending.isEmpty()) {
                    engine.compute(this, pending);
                }
                seconds.put("engine_" + engine.name(), (System.nanoTime() - t) / 1e9);
            }
            seconds.putAll(runner.run(subjects, engine == null));
            RunProvenance.write(this, engine, seconds, (System.nanoTime() - start) / 1e9);
            RunSummary summary = RunSummary.of(runDir);
            org.attnlab.io.AtomicFiles.writeJson(runDir.resolve("summary.json"), summary.json());
            return new SuiteResult(runDir, summary);
        }
    }

    private List<Subject> subjects() {
        List<Subject> subjects = new ArrayList<>();
        for (CheckedModel c : models) {
            Map<String, java.util.function.Supplier<ClassifierModel>> companions = new LinkedHashMap<>();
            c.companionDirs().forEach((role, dir) -> companions.put(role, () -> Models.load(dir)));
            subjects.add(new Subject(c.plan().name(), () -> Models.load(c.dir()), c.dataset().labels(), c.instances(),
                    c.plan().maxLength(), companions));
        }
        return subjects;
    }

    /** What a finished run hands back. */
    public record SuiteResult(Path runDir, RunSummary summary) {
    }
}
