package org.attnlab.experiment;

import org.attnlab.data.Seeds;
import java.util.List;
import java.util.Random;
import org.attnlab.explain.AttentionMeasure;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.stats.Divergences;

/**
 * Serrano &amp; Smith's single-weight test: erase the most attended real token i* and, separately, a
 * random real token r != i* (their code may draw r = i*; we do not), and compare the output changes
 * (Jensen-Shannon divergence) and decision flips. Like their {@code test_model.py}, also erase, each on its
 * own, the second most and the least attended real token. Positions follow {@link Rankings#descending}:
 * top, second and lowest are its first, second and last entries, so ties go to the earlier position for top
 * and second and to the later one for lowest (their code gives the earlier position the lowest too, which
 * with uniform attention is the top itself). With two real tokens the second and the lowest are the same
 * token (as in their code), and so is r. Instances with one real token do not qualify (their figures drop
 * them). All four erasures run as one batch.
 */
public final class ErasureSingleExperiment implements Experiment<ErasureSingleExperiment.Result> {

    /** One erasure's outcome. */
    public record Erased(int position, String token, double attention, double jsd, boolean flipped) {
    }

    /**
     * Record fields; {@code second} and {@code lowest} are null in records written before they were added.
     *
     * @param deltaJsd       JS(top) - JS(random)
     * @param deltaAttention alpha(top) - alpha(random)
     */
    public record Result(Erased top, Erased random, double deltaJsd, double deltaAttention, Erased second,
                         Erased lowest) {
    }

    private final AttentionMeasure attention;
    private final Erasure erasure;
    private final long seed;

    public ErasureSingleExperiment(AttentionView view, Erasure erasure, long seed) {
        this.attention = new AttentionMeasure(view);
        this.erasure = erasure;
        this.seed = seed;
    }


    @Override
    public List<ImportanceMeasure> measures() {
        return List.of(attention);
    }

    @Override
    public Result run(Instance x) {
        int[] real = x.realTokens();
        if (real.length < 2) {
            return null;
        }
        double[] alpha = x.importance(attention).scores();
        int[] desc = Rankings.descending(alpha, real);
        int top = desc[0];
        int second = desc[1];
        int lowest = desc[desc.length - 1];
        Random random = Seeds.random(seed, "erasure-single", x.model().info().name(), x.id());
        int r = top;
        while (r == top) {
            r = real[random.nextInt(real.length)];
        }
        int layers = x.model().info().layers();
        List<ForwardResult> out = x.model().forwardEdited(x.input(),
                List.of(erasure.edits(new int[] {top}, layers), erasure.edits(new int[] {r}, layers),
                        erasure.edits(new int[] {second}, layers), erasure.edits(new int[] {lowest}, layers)),
                ForwardOptions.OUTPUT_ONLY);
        Erased topErased = erased(x, top, alpha, out.get(0));
        Erased randomErased = erased(x, r, alpha, out.get(1));
        return new Result(topErased, randomErased, topErased.jsd() - randomErased.jsd(), alpha[top] - alpha[r],
                erased(x, second, alpha, out.get(2)), erased(x, lowest, alpha, out.get(3)));
    }

    private static Erased erased(Instance x, int position, double[] alpha, ForwardResult after) {
        return new Erased(position, x.input().tokens().get(position), alpha[position],
                Divergences.jensenShannon(x.probabilities(), after.probabilities()),
                Rankings.argmax(after.probabilities()) != x.predicted());
    }
}
