package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;

/**
 * Wiegreffe &amp; Pinter's diagnostic (§3.3): a non-contextual MLP whose pooling weights are imposed from a source
 * (uniform, the subject, or a model-consistent adversary), trained and tested with them, or learned by the MLP itself
 * (trained). Per instance and source, the diagnostic's prediction with the source's attention on the same tokens
 * imposed by a {@link AttentionEdit.Replace} of its one attention row (uniform and trained: its own forward); weights
 * that carry the task's information make the MLP score well (their Table 3).
 */
public final class DiagnosticExperiment implements Experiment<DiagnosticExperiment.Result> {

    /**
     * One source's diagnostic on the instance.
     *
     * @param source        {@code uniform}, {@code trained}, {@code base} or {@code adversary}
     * @param predicted     the diagnostic MLP's predicted label
     * @param probabilities its output distribution
     */
    public record SourcePrediction(String source, String predicted, double[] probabilities) {
    }

    /** Record fields: one entry per source, in the settings' order. */
    public record Result(List<SourcePrediction> sources) {
    }

    private final List<String> sources;
    private final Double adversaryLambda;

    /** @param adversaryLambda the λ of the adversary source (null when the sources leave it out) */
    public DiagnosticExperiment(List<String> sources, Double adversaryLambda) {
        this.sources = List.copyOf(sources);
        this.adversaryLambda = adversaryLambda;
    }

    @Override
    public List<ImportanceMeasure> measures() {
        return List.of();
    }

    @Override
    public Result run(Instance x) {
        return run(x, Companions.NONE);
    }

    @Override
    public Result run(Instance x, Companions companions) {
        List<String> labels = x.model().info().labels();
        List<SourcePrediction> out = new ArrayList<>();
        for (String source : sources) {
            String role = DiagnosticType.sourceRole(source, adversaryLambda);
            ClassifierModel mlp = companions.model(new Companion.Diagnostic(role).role());
            Instance diag = Companions.sameTokens(mlp, x);
            ForwardResult f;
            if (source.equals(DiagnosticType.UNIFORM) || source.equals(DiagnosticType.TRAINED)) {
                f = diag.forward(); // nothing to impose: it pools uniformly, or with the attention it learned
            } else {
                Instance from = source.equals(DiagnosticType.BASE) ? x : Companions.sameTokens(companions.model(role), x);
                f = mlp.forwardEdited(diag.input(), List.of(List.of(new AttentionEdit.Replace(0, 0, new double[][] {row(from)}))),
                        ForwardOptions.OUTPUT_ONLY).get(0);
            }
            out.add(new SourcePrediction(source, labels.get(f.predicted()), f.probabilities()));
        }
        return new Result(out);
    }

    /** The source model's one attention row (layer 0, head 0, query 0 of the papers' RNN models). */
    private static double[] row(Instance source) {
        float[] a = source.forward().attentions()[0][0][0];
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
