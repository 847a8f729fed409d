package org.attnlab.experiment;

import java.util.List;
import org.attnlab.model.ModelInfo;
import org.attnlab.stats.McNemar;

/** {@code type: erasure-single} (Serrano &amp; Smith): erase the most attended token vs a random other one. */
public final class ErasureSingleType
        extends TypeBase<ErasureSingleType.Settings, ErasureSingleExperiment.Result, ErasureSingleType.Summary> {

    public static final ErasureSingleType INSTANCE = new ErasureSingleType();

    /** @param erasureLayers layers whose attention is erased (-1 = last, the default) */
    public record Settings(List<Integer> erasureLayers) implements ExperimentSettings {
        public Settings {
            erasureLayers = new Erasure(erasureLayers).layers();
        }

        @Override
        public void checkAgainst(ModelInfo model) {
            new Erasure(erasureLayers).checkAgainst(model);
        }
    }

    /** Serrano &amp; Smith's 2x2 table: which single erasure flipped the decision. */
    public record FlipCounts(int both, int onlyTop, int onlyRandom, int neither) {
    }

    /**
     * @param mcnemarP                 McNemar's test of only-top against only-random flips (1 when both are 0)
     * @param deltaJsd                 JS(top) - JS(random), over qualifying instances
     * @param fractionDeltaJsdPositive share where erasing the top token moved the output more
     */
    public record Summary(int records, int qualifying, FlipCounts flips, double mcnemarP,
                          org.attnlab.stats.Summary deltaJsd, double fractionDeltaJsdPositive) {
    }

    private ErasureSingleType() {
        super("erasure-single", Settings.class, ErasureSingleExperiment.Result.class);
    }

    @Override
    public Experiment<ErasureSingleExperiment.Result> create(Settings s, ExperimentContext context) {
        return new ErasureSingleExperiment(context.view(), new Erasure(s.erasureLayers()), context.seed());
    }

    @Override
    public Summary summarize(List<ResultRecord<ErasureSingleExperiment.Result>> records) {
        List<ErasureSingleExperiment.Result> q = records.stream().filter(ResultRecord::qualifies).map(ResultRecord::result).toList();
        FlipCounts flips = flips(q);
        double[] delta = q.stream().mapToDouble(ErasureSingleExperiment.Result::deltaJsd).toArray();
        long positive = java.util.Arrays.stream(delta).filter(d -> d > 0).count();
        return new Summary(records.size(), q.size(), flips,
                flips.onlyTop() + flips.onlyRandom() == 0 ? 1.0 : McNemar.pValue(flips.onlyTop(), flips.onlyRandom()),
                org.attnlab.stats.Summary.of(delta), q.isEmpty() ? Double.NaN : positive / (double) q.size());
    }

    /** The 2x2 counts over results. */
    public static FlipCounts flips(List<ErasureSingleExperiment.Result> results) {
        int both = 0;
        int onlyTop = 0;
        int onlyRandom = 0;
        int neither = 0;
        for (ErasureSingleExperiment.Result r : results) {
            boolean top = r.top().flipped();
            boolean random = r.random().flipped();
            both += top && random ? 1 : 0;
            onlyTop += top && !random ? 1 : 0;
            onlyRandom += !top && random ? 1 : 0;
            neither += !top && !random ? 1 : 0;
        }
        return new FlipCounts(both, onlyTop, onlyRandom, neither);
    }
}
