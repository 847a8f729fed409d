package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.stats.SeedSpread;
import org.attnlab.stats.Summary;
import org.junit.jupiter.api.Test;

/** A seed group's statistics from its models' summaries, against hand-computed values. */
class SeedGroupSummaryTest {

    private static FaithfulnessType.MeasureSummary measure(double[] comprehensiveness, double[] sufficiency) {
        return new FaithfulnessType.MeasureSummary(Summary.of(comprehensiveness), Summary.of(sufficiency),
                Summary.of(new double[] {0.1, 0.2}), new double[0], new double[0]);
    }

    private static FaithfulnessType.Summary faithfulness(Map<String, FaithfulnessType.MeasureSummary> measures) {
        return new FaithfulnessType.Summary(3, 3, new double[0], measures, Map.of(), "attention");
    }

    @Test
    void aopcOverThreeSeedsAndOnlyWhatEveryModelHas() {
        // AOPC-comprehensiveness of attention: model means .2, .5, .5 -> mean .4, sample std sqrt((.04 + .01 + .01) / 2);
        // per-instance stds: sqrt(.02), 0, sqrt(.08) (values .1/.3; .5/.5; .3/.7)
        Map<String, Object> byModel = new LinkedHashMap<>();
        byModel.put("m", faithfulness(Map.of("attention", measure(new double[] {0.1, 0.3}, new double[] {0.0, 1.0}),
                "lime", measure(new double[] {0.9, 0.9}, new double[] {0.1, 0.1}))));
        byModel.put("m-seed2", faithfulness(Map.of("attention", measure(new double[] {0.5, 0.5}, new double[] {Double.NaN, Double.NaN}))));
        byModel.put("m-seed3", faithfulness(Map.of("attention", measure(new double[] {0.3, 0.7}, new double[] {0.2, 0.2}))));
        byModel.put("other", faithfulness(Map.of("attention", measure(new double[] {9, 9}, new double[] {9, 9}))));
        Map<ExperimentType<?, ?, ?>, Map<String, Object>> byType = new LinkedHashMap<>();
        byType.put(FaithfulnessType.INSTANCE, byModel);
        byType.put(CorrelationType.INSTANCE, Map.of("m", new CorrelationType.Summary(2, 2, Map.of()))); // m-seed2, m-seed3: none

        Map<String, Long> members = new LinkedHashMap<>(Map.of("m", 1L));
        members.put("m-seed2", 2L);
        members.put("m-seed3", 3L);
        SeedGroupSummary g = SeedGroupSummary.of(members, byType);

        assertEquals(List.of("faithfulness"), List.copyOf(g.statistics().keySet()), "correlation: not every model has records");
        Map<String, SeedSpread> f = g.statistics().get("faithfulness");
        // lime: only model m; aopc-sufficiency attention: no value for m-seed2
        assertEquals(List.of("aopc-comprehensiveness attention"), List.copyOf(f.keySet()));
        SeedSpread s = f.get("aopc-comprehensiveness attention");
        assertEquals(3, s.seeds());
        assertEquals(0.4, s.meanOfMeans(), 1e-12);
        assertEquals(Math.sqrt(0.03), s.spreadOfMeans(), 1e-12);
        assertEquals((Math.sqrt(0.02) + 0 + Math.sqrt(0.08)) / 3, s.meanInstanceStd(), 1e-12);
        assertFalse(g.models().containsKey("other"));
    }
}
