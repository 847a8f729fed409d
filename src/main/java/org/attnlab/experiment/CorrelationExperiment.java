package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.stats.Correlation;
import org.attnlab.stats.KendallTau;
import org.attnlab.stats.Spearman;

/**
 * Jain &amp; Wallace's correlation test: per instance, Kendall tau-b (with its two-sided p-value) and
 * Spearman rho between pairs of importance measures, over all non-special tokens.
 */
public final class CorrelationExperiment implements Experiment<CorrelationExperiment.Result> {

    /** One pair's agreement. */
    public record Pair(double tau, double p) {
    }

    /** The record fields: {@code kendall} and {@code spearman}, keyed {@code "m1~m2"}. */
    public record Result(Map<String, Pair> kendall, Map<String, Pair> spearman) {
    }

    private final List<ImportanceMeasure[]> pairs;
    private final List<ImportanceMeasure> measures;

    public CorrelationExperiment(List<ImportanceMeasure[]> pairs) {
        this.pairs = List.copyOf(pairs);
        Map<String, ImportanceMeasure> distinct = new LinkedHashMap<>();
        for (ImportanceMeasure[] p : pairs) {
            distinct.putIfAbsent(p[0].id(), p[0]);
            distinct.putIfAbsent(p[1].id(), p[1]);
        }
        this.measures = new ArrayList<>(distinct.values());
    }


    @Override
    public List<ImportanceMeasure> measures() {
        return measures;
    }

    @Override
    public Result run(Instance x) {
        int[] real = x.realTokens();
        if (real.length < 2) {
            return null;
        }
        Map<String, Pair> kendall = new LinkedHashMap<>();
        Map<String, Pair> spearman = new LinkedHashMap<>();
        for (ImportanceMeasure[] p : pairs) {
            double[] a = Rankings.at(x.importance(p[0]).scores(), real);
            double[] b = Rankings.at(x.importance(p[1]).scores(), real);
            String key = p[0].id() + "~" + p[1].id();
            Correlation tau = KendallTau.of(a, b);
            Correlation rho = Spearman.of(a, b);
            kendall.put(key, new Pair(tau.coefficient(), tau.pValue()));
            spearman.put(key, new Pair(rho.coefficient(), rho.pValue()));
        }
        return new Result(kendall, spearman);
    }
}
