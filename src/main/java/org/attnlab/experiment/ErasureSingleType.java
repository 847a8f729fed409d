package org.attnlab.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.attnlab.model.ModelInfo;
import org.attnlab.stats.McNemar;

/**
 * {@code type: erasure-single} (Serrano &amp; Smith): erase the most attended token vs a random other one, and
 * (each alone) the second most and the least attended one.
 */
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

    /** The kinds of single erasure, in the order the summary and the report list them. */
    public static final List<String> KINDS = List.of("top", "second", "lowest", "random");

    /**
     * One kind of single erasure over the qualifying records that have it (records written before {@code second}
     * and {@code lowest} existed lack those two).
     *
     * @param jsd          JS divergence of the output from the original's
     * @param flipped      how many of those erasures changed the decision
     * @param flipFraction {@code flipped} over {@code jsd.count()}; NaN when no record has this kind
     */
    public record KindSummary(org.attnlab.stats.Summary jsd, int flipped, double flipFraction) {
    }

    /**
     * @param mcnemarP                 McNemar's test of only-top against only-random flips (1 when both are 0)
     * @param deltaJsd                 JS(top) - JS(random), over qualifying instances
     * @param fractionDeltaJsdPositive share where erasing the top token moved the output more
     * @param erasures                 per kind in {@link #KINDS}, its JS divergences and flips
     */
    public record Summary(int records, int qualifying, FlipCounts flips, double mcnemarP,
                          org.attnlab.stats.Summary deltaJsd, double fractionDeltaJsdPositive,
                          Map<String, KindSummary> erasures) {
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
        Map<String, KindSummary> erasures = new LinkedHashMap<>();
        for (String kind : KINDS) {
            List<ErasureSingleExperiment.Erased> e = q.stream().map(r -> erased(r, kind)).filter(Objects::nonNull).toList();
            int flipped = (int) e.stream().filter(ErasureSingleExperiment.Erased::flipped).count();
            erasures.put(kind, new KindSummary(org.attnlab.stats.Summary.of(
                    e.stream().mapToDouble(ErasureSingleExperiment.Erased::jsd).toArray()), flipped,
                    e.isEmpty() ? Double.NaN : flipped / (double) e.size()));
        }
        return new Summary(records.size(), q.size(), flips,
                flips.onlyTop() + flips.onlyRandom() == 0 ? 1.0 : McNemar.pValue(flips.onlyTop(), flips.onlyRandom()),
                org.attnlab.stats.Summary.of(delta), q.isEmpty() ? Double.NaN : positive / (double) q.size(), erasures);
    }

    /** The result's erasure of {@code kind} (one of {@link #KINDS}); null where an older record lacks it. */
    public static ErasureSingleExperiment.Erased erased(ErasureSingleExperiment.Result r, String kind) {
        return switch (kind) {
            case "top" -> r.top();
            case "second" -> r.second();
            case "lowest" -> r.lowest();
            case "random" -> r.random();
            default -> throw new IllegalArgumentException("erasure kind '" + kind + "'; expected one of " + KINDS);
        };
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
