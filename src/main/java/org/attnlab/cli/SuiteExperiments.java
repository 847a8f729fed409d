package org.attnlab.cli;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.config.SuiteSpec;
import org.attnlab.experiment.AdversarialExperiment;
import org.attnlab.experiment.CorrelationExperiment;
import org.attnlab.experiment.DecisionFlipExperiment;
import org.attnlab.experiment.EfficientAttentionExperiment;
import org.attnlab.experiment.Erasure;
import org.attnlab.experiment.ErasureSingleExperiment;
import org.attnlab.experiment.Experiment;
import org.attnlab.experiment.PermutationExperiment;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Measures;

/** Builds a suite's experiments from its spec; every unknown measure or bad parameter fails here, before any work. */
final class SuiteExperiments {

    private SuiteExperiments() {
    }

    static List<Experiment> build(SuiteSpec suite) {
        SuiteSpec.AttentionSpec a = suite.attention();
        AttentionView view = new AttentionView(a.layer(), a.head(), a.row());
        List<Experiment> out = new ArrayList<>();
        for (SuiteSpec.ExperimentSpec e : suite.experiments()) {
            try {
                out.add(build(e, view, suite.seed()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("experiments." + e.type() + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    private static Experiment build(SuiteSpec.ExperimentSpec e, AttentionView view, long seed) {
        Erasure erasure = new Erasure(e.erasureLayers());
        switch (e.type()) {
            case "correlation": {
                List<ImportanceMeasure[]> pairs = new ArrayList<>();
                for (String p : e.pairs()) {
                    String[] ids = p.split("~");
                    pairs.add(new ImportanceMeasure[] {measure(ids[0], view, e, seed), measure(ids[1], view, e, seed)});
                }
                return new CorrelationExperiment(pairs);
            }
            case "permutation":
                return new PermutationExperiment(e.permutations(), view, seed);
            case "adversarial":
                return new AdversarialExperiment(e.adversaries(), e.steps(), e.learningRate(), e.epsilon(), seed);
            case "erasure-single":
                return new ErasureSingleExperiment(view, erasure, seed);
            case "decision-flip": {
                List<ImportanceMeasure> rankers = new ArrayList<>();
                for (String r : e.rankers()) {
                    rankers.add(measure(r, view, e, seed));
                }
                return new DecisionFlipExperiment(view, rankers, e.randomOrders(), erasure, seed);
            }
            case "efficient-attention": {
                List<ImportanceMeasure> references = new ArrayList<>();
                for (String r : e.rankers()) {
                    references.add(measure(r, view, e, seed));
                }
                return new EfficientAttentionExperiment(view, references);
            }
            default:
                throw new IllegalArgumentException("unknown experiment type " + e.type());
        }
    }

    private static ImportanceMeasure measure(String id, AttentionView view, SuiteSpec.ExperimentSpec e, long seed) {
        return Measures.byId(id, new Measures.Settings(view, e.igSteps(), e.limeSamples(), seed));
    }
}
