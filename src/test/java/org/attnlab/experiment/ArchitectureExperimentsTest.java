package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Importance;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.explain.Measures;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.djl.Models;
import org.attnlab.testing.ArchitectureFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every importance measure and every experiment runs unchanged on the RoBERTa, DistilBERT and ELECTRA
 * fixture classifiers, loaded through the same {@link Models#load} as BERT: scores aligned to the tokens and
 * finite, results present. (Their numerical correctness is the business of the measures' own tests; the
 * models' is ArchitectureReferenceTest's and ArchitectureGradientTest's.)
 */
class ArchitectureExperimentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"roberta", "distilbert", "electra"})
    void everyMeasureAndExperimentRuns(String name) {
        Measures.Settings settings = new Measures.Settings(AttentionView.DEFAULT, 5, 50, 1);
        try (ClassifierModel model = Models.load(ArchitectureFixtures.dir(name))) {
            Instance x = new Instance(model, "i1", model.tokenize("the acting was good but the ending was terrible", false), 1);
            for (String id : Measures.IDS) {
                Importance imp = Measures.byId(id, settings).explain(x);
                assertEquals(x.input().length(), imp.scores().length, name + " " + id);
                for (double s : imp.scores()) {
                    assertTrue(Double.isFinite(s), name + " " + id + " gives " + s);
                }
            }
            ImportanceMeasure gradient = Measures.byId("gradient", settings);
            ImportanceMeasure loo = Measures.byId("loo", settings);
            ImportanceMeasure attention = Measures.byId("attention", settings);
            List<Experiment<?>> experiments = new ArrayList<>(List.of(
                    new CorrelationExperiment(List.of(new ImportanceMeasure[] {attention, gradient},
                            new ImportanceMeasure[] {attention, loo})),
                    new PermutationExperiment(5, AttentionView.DEFAULT, 1),
                    new AdversarialExperiment(AttentionView.DEFAULT, 2, 10, 0.01, 0.05, 1),
                    new DecisionFlipExperiment(AttentionView.DEFAULT, List.of(gradient), 2, Erasure.LAST_LAYER, 1),
                    new ErasureSingleExperiment(AttentionView.DEFAULT, Erasure.LAST_LAYER, 1),
                    new EfficientAttentionExperiment(AttentionView.DEFAULT, List.of(gradient))));
            for (Experiment<?> e : experiments) {
                assertNotNull(e.run(x), name + " " + e.getClass().getSimpleName());
            }
        }
    }
}
