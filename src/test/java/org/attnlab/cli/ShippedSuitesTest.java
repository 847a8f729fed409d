package org.attnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attnlab.config.SuiteSpec;
import org.attnlab.experiment.SuitePlan;
import org.attnlab.config.TrainingSpec;
import org.attnlab.config.YamlFiles;
import org.attnlab.data.DatasetCatalog;
import org.junit.jupiter.api.Test;

/**
 * Every suite and model spec shipped in {@code experiments/} passes the validation {@code run} and
 * {@code train} apply before any work, so a user never meets a broken example file.
 */
class ShippedSuitesTest {

    private static final Path EXPERIMENTS = Path.of("experiments");

    @Test
    void everyShippedSuiteValidatesAndNamesExistingSpecs() throws IOException {
        List<Path> suites = yamlFiles(EXPERIMENTS);
        assertTrue(suites.stream().anyMatch(p -> p.endsWith("quickstart.yaml")), "the README's quickstart suite");
        for (Path file : suites) {
            SuiteSpec suite = YamlFiles.read(file, SuiteSpec.class);
            assertEquals(suite.experiments().size(), SuitePlan.load(file, List.of()).experiments().size(), file.toString());
            for (SuiteSpec.ModelEntry m : suite.models()) {
                if (m.spec() != null) {
                    assertTrue(Files.isRegularFile(Path.of(m.spec())), file + " names a missing spec " + m.spec());
                } else {
                    DatasetCatalog.get(m.dataset());
                }
            }
        }
    }

    @Test
    void theirRecipeSuiteTrainsFiveSeedsPerEncoder() {
        SuitePlan plan = SuitePlan.load(EXPERIMENTS.resolve("jain-wallace-imdb-jw.yaml"), List.of());
        List<String> names = new java.util.ArrayList<>();
        for (String encoder : List.of("bilstm", "cnn", "average")) {
            String base = encoder + "-imdb-jw-skipgram-fasttext-scale";
            names.addAll(List.of(base, base + "-seed2", base + "-seed3", base + "-seed4", base + "-seed5"));
        }
        assertEquals(names, plan.models().stream().map(SuitePlan.ModelPlan::name).toList());
        String average = "average-imdb-jw-skipgram-fasttext-scale";
        assertEquals(java.util.Map.of(average, 1L, average + "-seed2", 2L, average + "-seed3", 3L, average + "-seed4", 4L,
                average + "-seed5", 5L), plan.seedGroups().get(average));
        assertEquals(5, SuitePlan.load(EXPERIMENTS.resolve("jain-wallace-imdb-jw.yaml"),
                List.of("cnn-imdb-jw-skipgram-fasttext-scale")).models().size());
    }

    /** The results doc reads the recipe's rows from either suite: they must analyse the same models the same way. */
    @Test
    void theRecipeSuiteIsTheAblationSuitesFastTextScaleRows() {
        SuitePlan recipe = SuitePlan.load(EXPERIMENTS.resolve("jain-wallace-imdb-jw.yaml"), List.of());
        SuitePlan ablation = SuitePlan.load(EXPERIMENTS.resolve("jain-wallace-imdb-jw-ablation.yaml"), List.of());
        assertEquals(recipe.spec().seed(), ablation.spec().seed());
        assertEquals(recipe.spec().split(), ablation.spec().split());
        assertEquals(recipe.spec().sample(), ablation.spec().sample());
        assertEquals(recipe.spec().attention(), ablation.spec().attention());
        assertEquals(recipe.spec().experiments(), ablation.spec().experiments());
        List<String> inAblation = ablation.models().stream().map(SuitePlan.ModelPlan::name).toList();
        for (SuitePlan.ModelPlan m : recipe.models()) {
            assertTrue(inAblation.contains(m.name()), m.name() + " is not in the ablation suite");
        }
    }

    @Test
    void everyShippedModelSpecValidatesAndNamesABuiltInDataset() throws IOException {
        List<Path> specs = yamlFiles(EXPERIMENTS.resolve("models"));
        assertFalse(specs.isEmpty());
        for (Path file : specs) {
            TrainingSpec spec = YamlFiles.read(file, TrainingSpec.class);
            assertEquals(file.getFileName().toString(), spec.name() + ".yaml", "a spec is named after its model");
            DatasetCatalog.get(spec.dataset());
        }
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
