package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.Dataset;
import org.attnlab.data.Example;
import org.attnlab.data.Provenance;
import org.junit.jupiter.api.Test;

/**
 * The J&amp;W ablation suite analyses imdb-jw-truncated's models on the same 500 test reviews as imdb-jw's: a
 * suite's sample is seeded by the name of the dataset whose test split it draws from, not by the dataset's own name.
 */
class SharedTestSampleTest {

    private static final List<String> LABELS = List.of("negative", "positive");
    private static final Provenance PROVENANCE = new Provenance("synthetic", "-", "0", "-", "-", 3000, 0, 0, List.of(), "-");

    private static List<Example> examples(String prefix, int n) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Example(prefix + i, "review " + i, LABELS.get(i % 2)));
        }
        return out;
    }

    @Test
    void datasetsSharingATestSplitAreSampledAlike() {
        SuitePlan ablation = SuitePlan.load(Path.of("experiments", "jain-wallace-imdb-jw-ablation.yaml"), List.of());
        List<String> datasets = ablation.models().stream().map(SuitePlan.ModelPlan::dataset).distinct().toList();
        assertEquals(List.of("imdb-jw", "imdb-jw-truncated"), datasets);
        List<Example> test = examples("test-", 1200);
        Dataset filtered = new Dataset("imdb-jw", LABELS, examples("train-", 900), examples("dev-", 200), test, PROVENANCE);
        Dataset truncated = new Dataset("imdb-jw-truncated", LABELS, examples("train-", 1100), examples("dev-", 250), test,
                PROVENANCE, "imdb-jw");
        List<String> sample = sampledIds(ablation, filtered);
        assertEquals(500, sample.size());
        assertEquals(sample, sampledIds(ablation, truncated));
        // Seeded by the dataset's own name, the same test split would give other reviews: the shared name is what matters.
        Dataset ownTestSplit = new Dataset("imdb-jw-truncated", LABELS, truncated.train(), truncated.dev(), test, PROVENANCE);
        assertNotEquals(sample, sampledIds(ablation, ownTestSplit));
    }

    private static List<String> sampledIds(SuitePlan plan, Dataset d) {
        return PreparedSuite.sample(plan, d).stream().map(Example::id).toList();
    }
}
