package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.attnlab.explain.AttentionForm;
import org.attnlab.explain.AttentionMeasure;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.FormAttentionMeasure;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.explain.attention.EffectiveAttention;
import org.attnlab.explain.attention.EfficientAttention;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.stats.Correlation;
import org.attnlab.stats.Divergences;
import org.attnlab.stats.KendallTau;

/**
 * Naim &amp; Asher's question with Brunner et al.'s and our efficient attention, in the view's layer:
 * per head the value rank, null-space dimension and efficient support of the view's row; whether the
 * output is unchanged when every head's matrix is replaced by its effective / efficient form;
 * sufficiency (erase every real token outside the efficient support of the view's row: prediction
 * kept?) and necessity (erase the support: prediction flips?); and Kendall tau of raw, effective and
 * efficient attention with the given importance measures.
 */
public final class EfficientAttentionExperiment implements Experiment<EfficientAttentionExperiment.Result> {

    /** Per head of the view's layer. */
    public record Head(int rank, int nullSpaceDimension, int support, double maxOutputDeviation) {
    }

    /** Record fields. */
    public record Result(int layer, List<Head> heads, double effectiveTvd, double efficientTvd, List<Integer> support,
                         boolean sufficient, double sufficiencyTvd, boolean necessary, double necessityTvd,
                         Map<String, CorrelationExperiment.Pair> kendall) {
    }

    private final AttentionView view;
    private final Erasure erasure;
    private final List<ImportanceMeasure> references;
    private final AttentionMeasure raw;
    private final FormAttentionMeasure effective;
    private final FormAttentionMeasure efficient;

    public EfficientAttentionExperiment(AttentionView view, List<ImportanceMeasure> references) {
        this.view = view;
        this.erasure = new Erasure(List.of(view.layer()));
        this.references = List.copyOf(references);
        this.raw = new AttentionMeasure(view);
        this.effective = new FormAttentionMeasure(view, AttentionForm.EFFECTIVE);
        this.efficient = new FormAttentionMeasure(view, AttentionForm.EFFICIENT);
    }


    @Override
    public List<ImportanceMeasure> measures() {
        List<ImportanceMeasure> all = new ArrayList<>(List.of(raw, effective, efficient));
        all.addAll(references);
        return all;
    }

    @Override
    public Result run(Instance x) {
        int[] real = x.realTokens();
        if (real.length < 2) {
            return null;
        }
        float[][][][] a = x.forward().attentions();
        float[][][][] v = x.forward().values();
        int layer = view.resolveLayer(a.length);
        int heads = a[layer].length;
        List<Head> perHead = new ArrayList<>();
        List<AttentionEdit> toEffective = new ArrayList<>();
        List<AttentionEdit> toEfficient = new ArrayList<>();
        TreeSet<Integer> support = new TreeSet<>();
        int row = view.row() < 0 ? 0 : view.row();
        for (int h = 0; h < heads; h++) {
            double[][] matrix = widen(a[layer][h]);
            double[][] values = widen(v[layer][h]);
            EffectiveAttention eff = EffectiveAttention.of(matrix, values);
            EfficientAttention effi = EfficientAttention.of(matrix, values);
            toEffective.add(new AttentionEdit.Replace(layer, h, eff.matrix()));
            toEfficient.add(new AttentionEdit.Replace(layer, h, effi.matrix()));
            double[] r = effi.matrix()[row];
            for (int j : real) {
                if (r[j] > 0) {
                    support.add(j);
                }
            }
            perHead.add(new Head(eff.rank(), eff.nullSpaceDimension(), effi.supportSizes()[row], effi.maxOutputDeviation()));
        }
        int[] supportArray = support.stream().mapToInt(Integer::intValue).toArray();
        int[] outside = java.util.Arrays.stream(real).filter(j -> !support.contains(j)).toArray();
        int layers = a.length;
        List<List<AttentionEdit>> sets = List.of(toEffective, toEfficient,
                outside.length == 0 ? List.of() : erasure.edits(outside, layers), erasure.edits(supportArray, layers));
        List<ForwardResult> out = x.model().forwardEdited(x.input(), sets, ForwardOptions.OUTPUT_ONLY);
        double[] p = x.probabilities();
        Map<String, CorrelationExperiment.Pair> kendall = new LinkedHashMap<>();
        for (ImportanceMeasure form : List.of(raw, effective, efficient)) {
            for (ImportanceMeasure ref : references) {
                Correlation c = KendallTau.of(Rankings.at(x.importance(form).scores(), real),
                        Rankings.at(x.importance(ref).scores(), real));
                kendall.put(form.id() + "~" + ref.id(), new CorrelationExperiment.Pair(c.coefficient(), c.pValue()));
            }
        }
        return new Result(layer, perHead, Divergences.totalVariation(p, out.get(0).probabilities()),
                Divergences.totalVariation(p, out.get(1).probabilities()), support.stream().toList(),
                Rankings.argmax(out.get(2).probabilities()) == x.predicted(),
                Divergences.totalVariation(p, out.get(2).probabilities()),
                Rankings.argmax(out.get(3).probabilities()) != x.predicted(),
                Divergences.totalVariation(p, out.get(3).probabilities()), kendall);
    }

    private static double[][] widen(float[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = m[i][j];
            }
        }
        return out;
    }
}
