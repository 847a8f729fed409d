package org.attnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attnlab.config.Defaults;
import org.attnlab.config.SuiteSpec;
import org.attnlab.config.TrainingSpec;
import org.attnlab.config.YamlFiles;
import org.attnlab.data.Checksums;
import org.attnlab.data.Dataset;
import org.attnlab.data.DatasetCatalog;
import org.attnlab.data.DatasetFetcher;
import org.attnlab.data.Example;
import org.attnlab.data.Split;
import org.attnlab.experiment.Experiment;
import org.attnlab.experiment.Seeds;
import org.attnlab.experiment.Subject;
import org.attnlab.experiment.SuiteRunner;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.djl.Models;
import org.attnlab.model.hf.HubId;
import org.attnlab.model.hf.ModelCatalog;
import org.attnlab.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code attnlab run SUITE.yaml}: validates the suite, trains the models it names by spec if they are
 * missing, and runs its experiments into {@code results/<suite>/<run-id>/}. The run id is derived from
 * the suite file and the models' weights, so running the same suite again resumes the same run.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a suite (experiments/*.yaml) into results/<suite>/<run-id>/; resumes an interrupted run.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUITE", description = "Suite YAML file.")
    Path suiteFile;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Run only this model of the suite (repeatable), e.g. to spread one suite over several "
                    + "processes; the run id covers the selected models, so each selection has its own run directory.")
    List<String> only = new ArrayList<>();

    @Spec CommandSpec spec;

    /** A model of the suite with its dataset, resolved before any work. */
    private record Entry(String name, Path specFile, Path dir, String dataset, int maxLength) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        SuiteSpec suite = YamlFiles.read(suiteFile, SuiteSpec.class);
        List<Experiment> experiments = SuiteExperiments.build(suite);
        List<Entry> entries = select(resolve(suite), only);
        // Keyed by the name as written: a spec's dataset may be a file named relative to the spec.
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        DatasetFetcher fetcher = new DatasetFetcher(DatasetFetcher.defaultCacheDir());
        for (Entry e : entries) {
            if (!datasets.containsKey(e.dataset())) {
                datasets.put(e.dataset(), e.specFile() != null ? Training.dataset(e.dataset(), e.specFile())
                        : DatasetCatalog.get(e.dataset()).load(fetcher));
            }
        }
        List<Entry> trained = new ArrayList<>();
        for (Entry e : entries) {
            Path dir = e.specFile() != null ? Training.ensureTrained(e.specFile(), false, null, console) : e.dir();
            trained.add(new Entry(e.name(), e.specFile(), dir, e.dataset(), e.maxLength()));
        }
        Map<String, String> weights = new LinkedHashMap<>();
        StringBuilder identity = new StringBuilder(Files.readString(suiteFile));
        for (Entry e : trained) {
            String sha = Checksums.sha256(e.dir().resolve("model.safetensors"));
            weights.put(e.name(), sha);
            identity.append('\n').append(e.name()).append(' ').append(sha);
        }
        String runId = Checksums.sha256(identity.toString()).substring(0, 12);
        Path runDir = Defaults.resultsDir().resolve(suite.name()).resolve(runId);
        Files.createDirectories(runDir);
        console.println("run directory: " + runDir);
        console.flush();

        List<Subject> subjects = new ArrayList<>();
        for (Entry e : trained) {
            Dataset d = datasets.get(e.dataset());
            subjects.add(new Subject(e.name(), () -> open(e, d), d.labels(), sample(suite, d), e.maxLength()));
        }
        long start = System.nanoTime();
        Map<String, Double> seconds = new SuiteRunner(experiments, runDir, true).run(subjects);
        RunFiles.writeProvenance(runDir, suiteFile, suite, trained.stream().map(Entry::dir).toList(), weights, datasets,
                seconds, (System.nanoTime() - start) / 1e9);
        RunFiles.writeSummary(runDir, experiments, console);
        Path index = ReportWriter.write(runDir);
        console.println("records, summary.json and provenance.json in " + runDir);
        console.println("report: " + index);
        return 0;
    }

    private static ClassifierModel open(Entry e, Dataset d) {
        ClassifierModel m = Models.load(e.dir());
        if (!m.info().labels().equals(d.labels())) {
            m.close();
            throw new IllegalArgumentException(e.dir() + ": labels " + m.info().labels() + " differ from dataset "
                    + d.name() + "'s " + d.labels());
        }
        return m;
    }

    /** The first {@code size} examples of the split after a shuffle seeded by the suite seed. */
    static List<Example> sample(SuiteSpec suite, Dataset d) {
        List<Example> pool = new ArrayList<>(d.split(Split.valueOf(suite.split().toUpperCase(java.util.Locale.ROOT))));
        Collections.shuffle(pool, Seeds.random(suite.seed(), "sample", d.name(), suite.split()));
        return pool.subList(0, Math.min(suite.sample().size(), pool.size()));
    }

    private static List<Entry> resolve(SuiteSpec suite) {
        List<Entry> out = new ArrayList<>();
        for (SuiteSpec.ModelEntry m : suite.models()) {
            if (m.spec() != null) {
                Path specFile = Path.of(m.spec());
                if (!specFile.isAbsolute() && !Files.exists(specFile)) {
                    specFile = Defaults.home().resolve(m.spec());
                }
                TrainingSpec t = YamlFiles.read(specFile, TrainingSpec.class);
                out.add(new Entry(t.name(), specFile, null, t.dataset(), maxLength(suite, m)));
            } else {
                Path dir = Files.isDirectory(Path.of(m.name())) ? Path.of(m.name()) : Defaults.modelsDir().resolve(m.name());
                if (!Files.isDirectory(dir) && HubId.parse(m.name()).isPresent()) {
                    dir = ModelCatalog.resolve(m.name(), Defaults.modelsDir()); // a hub id: downloaded once, then cached
                }
                if (!Files.isRegularFile(dir.resolve("config.json"))) {
                    throw new IllegalArgumentException("models: '" + m.name() + "' is neither a model directory nor models/"
                            + m.name() + " nor a Hugging Face hub id (train it first, or name its spec)");
                }
                DatasetCatalog.get(m.dataset());
                out.add(new Entry(m.name(), null, dir, m.dataset(), maxLength(suite, m)));
            }
        }
        return out;
    }

    /** The entries named by {@code --model}, in suite order; all of them when none is named. */
    private static List<Entry> select(List<Entry> entries, List<String> names) {
        if (names.isEmpty()) {
            return entries;
        }
        List<String> known = entries.stream().map(Entry::name).toList();
        for (String n : names) {
            if (!known.contains(n)) {
                throw new IllegalArgumentException("--model " + n + ": the suite has no such model (it has " + known + ")");
            }
        }
        return entries.stream().filter(e -> names.contains(e.name())).toList();
    }

    /** The entry's own token limit, else the sample's. */
    private static int maxLength(SuiteSpec suite, SuiteSpec.ModelEntry m) {
        return m.maxLength() != null ? m.maxLength() : suite.sample().maxLength();
    }
}
