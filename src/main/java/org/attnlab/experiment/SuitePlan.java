package org.attnlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attnlab.config.ConfigException;
import org.attnlab.config.Defaults;
import org.attnlab.config.SuiteSpec;
import org.attnlab.config.TrainingSpec;
import org.attnlab.config.YamlFiles;
import org.attnlab.data.BuiltinDataset;
import org.attnlab.data.DatasetCatalog;
import org.attnlab.explain.AttentionView;
import org.attnlab.model.djl.Models;
import org.attnlab.model.hf.HubId;
import org.attnlab.model.hf.ModelCatalog;
import org.attnlab.model.training.WiegreffePinterModels;

/**
 * A suite file made into a plan, checked as far as it can be without running anything: every key bound to
 * its experiment type's settings, every measure known, the attention view well formed, model names unique
 * and confined to their directories, model directories present with the labels of their datasets.
 * {@link #prepare} then trains and opens the models to check what only they can tell (layers, heads,
 * query rows, labels); {@link PreparedSuite#run} is the first step that writes under {@code results/}.
 */
public final class SuitePlan {

    /**
     * One model of the suite.
     *
     * @param name      the model's name in records (unique within the suite)
     * @param specFile  its training spec file, or null for an existing directory
     * @param training  the spec it is trained from: the file's, or a seed variant of it; null for a directory
     * @param dir       its directory (for a spec: where training puts it)
     * @param dataset   the dataset name as written, or a data file relative to the spec (or, for a directory, the suite)
     * @param maxLength inputs are cut to this many tokens
     */
    public record ModelPlan(String name, Path specFile, TrainingSpec training, Path dir, String dataset, int maxLength) {

        /** The file a non-built-in dataset name is relative to: the spec's, or else the suite's. */
        Path datasetBase(Path suiteFile) {
            return specFile != null ? specFile : suiteFile;
        }

        /** The dataset's identity: a built-in name, or the data file's absolute path. */
        String datasetKey(Path suiteFile) {
            return DatasetCatalog.find(dataset).isPresent() ? dataset
                    : datasetBase(suiteFile).toAbsolutePath().getParent().resolve(dataset).normalize().toString();
        }
    }

    private final Path suiteFile;
    private final SuiteSpec spec;
    private final AttentionView view;
    private final List<PlannedExperiment> experiments;
    private final List<ModelPlan> models;
    private final Map<String, Map<String, Long>> seedGroups;

    private SuitePlan(Path suiteFile, SuiteSpec spec, AttentionView view, List<PlannedExperiment> experiments,
                      List<ModelPlan> models, Map<String, Map<String, Long>> seedGroups) {
        this.suiteFile = suiteFile;
        this.spec = spec;
        this.view = view;
        this.experiments = List.copyOf(experiments);
        this.models = List.copyOf(models);
        this.seedGroups = Collections.unmodifiableMap(seedGroups);
    }

    /**
     * Reads and checks the suite.
     *
     * @param only model names to keep (all when empty), e.g. to spread one suite over processes; the name of a
     *             seed group (its spec's name) keeps every model of the group, a member's own name that model alone
     * @throws ConfigException naming the file and key of the first problem
     */
    public static SuitePlan load(Path suiteFile, List<String> only) {
        SuiteSpec spec = YamlFiles.read(suiteFile, SuiteSpec.class);
        SuiteSpec.AttentionSpec a = spec.attention();
        AttentionView view = new AttentionView(a.layer(), a.head(), a.row());
        ExperimentContext context = new ExperimentContext(view, spec.seed());
        List<PlannedExperiment> experiments = new ArrayList<>();
        for (int i = 0; i < spec.experiments().size(); i++) {
            experiments.add(experiment(suiteFile, spec.experiments().get(i), "experiments[" + i + "]", context, experiments));
        }
        List<ModelPlan> models = new ArrayList<>();
        Map<String, Map<String, Long>> seedGroups = new LinkedHashMap<>();
        Map<String, String> datasetOf = new LinkedHashMap<>();
        for (int i = 0; i < spec.models().size(); i++) {
            SuiteSpec.ModelEntry entry = spec.models().get(i);
            List<ModelPlan> expanded = model(suiteFile, spec, entry, "models[" + i + "]");
            for (ModelPlan m : expanded) {
                String seen = datasetOf.putIfAbsent(m.name(), m.dataset());
                if (seen != null) {
                    throw new ConfigException(suiteFile + ": models[" + i + "]: model name '" + m.name() + "' appears twice (datasets "
                            + seen + " and " + m.dataset() + "); records and summaries are keyed by model name, so each "
                            + "entry needs its own model");
                }
                checkCompanions(suiteFile, experiments, m, "models[" + i + "]");
                models.add(m);
            }
            if (entry.seeds() != null) {
                Map<String, Long> members = new LinkedHashMap<>();
                expanded.forEach(m -> members.put(m.name(), m.training().training().seed()));
                String group = YamlFiles.read(expanded.get(0).specFile(), TrainingSpec.class).name();
                if (seedGroups.putIfAbsent(group, members) != null) {
                    throw new ConfigException(suiteFile + ": models[" + i + "].seeds: a seed group named '" + group
                            + "' appears twice; give the spec once, with all its seeds");
                }
            }
        }
        List<String> names = models.stream().map(ModelPlan::name).toList();
        seedGroups.forEach((group, members) -> {
            if (names.contains(group) && !members.containsKey(group)) {
                throw new ConfigException(suiteFile + ": models: '" + group + "' names both a seed group and a model outside "
                        + "it; --model and summaries need one meaning per name");
            }
        });
        for (String n : only) {
            if (!names.contains(n) && !seedGroups.containsKey(n)) {
                throw new ConfigException("--model " + n + ": the suite " + suiteFile + " has no such model (it has " + names
                        + (seedGroups.isEmpty() ? "" : ", and seed groups " + seedGroups.keySet()) + ")");
            }
        }
        List<String> keep = new ArrayList<>(only);
        only.stream().filter(seedGroups::containsKey).forEach(g -> keep.addAll(seedGroups.get(g).keySet()));
        List<ModelPlan> selected = only.isEmpty() ? models : models.stream().filter(m -> keep.contains(m.name())).toList();
        return new SuitePlan(suiteFile, spec, view, experiments, selected, selectedGroups(seedGroups, selected));
    }

    /** The seed groups restricted to the selected models; a group needs two selected models to have a spread. */
    private static Map<String, Map<String, Long>> selectedGroups(Map<String, Map<String, Long>> groups, List<ModelPlan> selected) {
        List<String> names = selected.stream().map(ModelPlan::name).toList();
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        groups.forEach((group, members) -> {
            Map<String, Long> kept = new LinkedHashMap<>(members);
            kept.keySet().retainAll(names);
            if (kept.size() >= 2) {
                out.put(group, Collections.unmodifiableMap(kept));
            }
        });
        return out;
    }

    private static PlannedExperiment experiment(Path file, JsonNode node, String at, ExperimentContext context,
                                                List<PlannedExperiment> before) {
        String id = node.path("type").asText();
        ExperimentType<?, ?, ?> type = ExperimentTypes.byId(id).orElseThrow(() -> new ConfigException(file + ": " + at
                + ".type: unknown experiment type '" + id + "'; expected one of " + String.join(", ", ExperimentTypes.ids())));
        if (before.stream().anyMatch(e -> e.type() == type)) {
            throw new ConfigException(file + ": " + at + ".type: " + id + " appears twice; each type at most once");
        }
        ObjectNode settings = ((ObjectNode) node).deepCopy();
        settings.remove("type");
        ExperimentSettings bound = YamlFiles.bind(settings, type.settingsType(), file, at + " (" + id + ")");
        try {
            return PlannedExperiment.of(type, bound, context);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + at + " (" + id + "): " + e.getMessage(), e);
        }
    }

    /**
     * Companion models are derived from the model's training spec, so a suite whose experiments need them names every
     * model by an RNN spec; a seed variant must differ from the spec's own seed (it would be the model itself).
     */
    private static void checkCompanions(Path file, List<PlannedExperiment> experiments, ModelPlan m, String at) {
        for (int k = 0; k < experiments.size(); k++) {
            PlannedExperiment e = experiments.get(k);
            List<Companion> companions = e.companions();
            if (companions.isEmpty()) {
                continue;
            }
            String needs = "experiments[" + k + "] (" + e.type().id() + ") retrains each model as "
                    + companions.stream().map(Companion::role).toList() + " from its training spec";
            if (m.specFile() == null) {
                throw new ConfigException(file + ": " + at + ": '" + m.name() + "' is given as a model directory, but " + needs
                        + "; give the model by spec: (an RNN training spec)");
            }
            TrainingSpec spec = m.training();
            if (!spec.model().kind().equals("rnn")) {
                throw new ConfigException(file + ": " + at + ".spec: " + m.specFile() + " is a " + spec.model().kind()
                        + " spec, but " + needs + "; these are RNN attention models (model.kind: rnn)");
            }
            for (Companion c : companions) {
                if (c instanceof Companion.SeedVariant v && v.seed() == spec.training().seed()) {
                    throw new ConfigException(file + ": experiments[" + k + "] (" + e.type().id() + ").seeds: " + v.seed()
                            + " is the training seed of " + m.name() + " (" + m.specFile() + "); each seed must differ from it");
                }
            }
        }
    }

    /** The entry's model, or with {@code seeds} its seed group's models in the order of the seeds. */
    private static List<ModelPlan> model(Path suiteFile, SuiteSpec suite, SuiteSpec.ModelEntry m, String at) {
        int maxLength = m.maxLength() != null ? m.maxLength() : suite.sample().maxLength();
        if (m.spec() != null) {
            Path specFile = Path.of(m.spec());
            if (!specFile.isAbsolute() && !Files.exists(specFile)) {
                specFile = Defaults.home().resolve(m.spec());
            }
            if (!Files.isRegularFile(specFile)) {
                throw new ConfigException(suiteFile + ": " + at + ".spec: no such file " + m.spec());
            }
            TrainingSpec t = YamlFiles.read(specFile, TrainingSpec.class);
            List<ModelPlan> out = new ArrayList<>();
            for (long seed : m.seeds() != null ? m.seeds() : List.of(t.training().seed())) {
                // The spec's own seed is the spec's model (trained or reused under its own name); others are its variants.
                TrainingSpec s = seed == t.training().seed() ? t : WiegreffePinterModels.withSeed(t, seed);
                out.add(new ModelPlan(s.name(), specFile, s, Defaults.modelsDir().resolve(s.name()), s.dataset(), maxLength));
            }
            return out;
        }
        Path dir = Files.isDirectory(Path.of(m.name())) ? Path.of(m.name()) : Defaults.modelsDir().resolve(m.name());
        if (!Files.isDirectory(dir) && HubId.parse(m.name()).isPresent()) {
            dir = ModelCatalog.resolve(m.name(), Defaults.modelsDir()); // a hub id: downloaded once, then cached
        }
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new ConfigException(suiteFile + ": " + at + ".name: '" + m.name() + "' is neither a model directory nor "
                    + "models/" + m.name() + " nor a Hugging Face hub id (train it first, or name its spec)");
        }
        Optional<BuiltinDataset> builtin = DatasetCatalog.find(m.dataset());
        if (builtin.isEmpty()) {
            Path file = suiteFile.toAbsolutePath().getParent().resolve(m.dataset()).normalize();
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(suiteFile + ": " + at + ".dataset: '" + m.dataset() + "' is neither a built-in dataset ("
                        + String.join(", ", DatasetCatalog.names()) + ") nor a file (" + file + ")");
            }
        } else {
            // Known without fetching anything: a mismatch stops here, before any download.
            List<String> labels = Models.labels(dir);
            if (!labels.equals(builtin.get().labels())) {
                throw new ConfigException(suiteFile + ": " + at + ": model " + dir + " has labels " + labels + " (config.json), "
                        + "dataset " + m.dataset() + " has " + builtin.get().labels() + "; they must match in order");
            }
        }
        return List.of(new ModelPlan(m.name(), null, null, dir, m.dataset(), maxLength));
    }

    public Path suiteFile() {
        return suiteFile;
    }

    public SuiteSpec spec() {
        return spec;
    }

    public AttentionView view() {
        return view;
    }

    public List<PlannedExperiment> experiments() {
        return experiments;
    }

    public List<ModelPlan> models() {
        return models;
    }

    /**
     * The seed groups among the selected models: group name (the spec's name) to each member's model name and
     * training seed, in the order of the suite's {@code seeds}; groups with fewer than two selected models left out.
     */
    public Map<String, Map<String, Long>> seedGroups() {
        return seedGroups;
    }

    /** Every companion model the experiments need beside each model, equal ones once, in suite order. */
    public List<Companion> companions() {
        java.util.LinkedHashSet<Companion> all = new java.util.LinkedHashSet<>();
        experiments.forEach(e -> all.addAll(e.companions()));
        return List.copyOf(all);
    }

    /**
     * Trains the models named by spec that are missing, loads the datasets, and opens every model to check
     * the plan against it. Writes nothing under {@code results/}.
     *
     * @param console where training and progress messages go
     * @throws ConfigException naming the suite file and key when the plan does not fit a model
     */
    public PreparedSuite prepare(java.io.PrintWriter console) throws java.io.IOException {
        return PreparedSuite.of(this, console);
    }
}
