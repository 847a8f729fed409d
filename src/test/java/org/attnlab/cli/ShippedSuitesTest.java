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
    void theirRecipeSuiteTrainsThreeSeedsPerEncoder() {
        SuitePlan plan = SuitePlan.load(EXPERIMENTS.resolve("jain-wallace-imdb-jw.yaml"), List.of());
        List<String> names = new java.util.ArrayList<>();
        for (String encoder : List.of("bilstm", "cnn", "average")) {
            String base = encoder + "-imdb-jw-skipgram";
            names.addAll(List.of(base, base + "-seed2", base + "-seed3"));
        }
        assertEquals(names, plan.models().stream().map(SuitePlan.ModelPlan::name).toList());
        assertEquals(java.util.Map.of("average-imdb-jw-skipgram", 1L, "average-imdb-jw-skipgram-seed2", 2L,
                "average-imdb-jw-skipgram-seed3", 3L), plan.seedGroups().get("average-imdb-jw-skipgram"));
        assertEquals(3, SuitePlan.load(EXPERIMENTS.resolve("jain-wallace-imdb-jw.yaml"), List.of("cnn-imdb-jw-skipgram")).models().size());
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
