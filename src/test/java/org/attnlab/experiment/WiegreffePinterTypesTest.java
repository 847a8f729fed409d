package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Instance;
import org.attnlab.model.ClassifierModel;
import org.attnlab.testing.ToyAttentionModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four Wiegreffe &amp; Pinter types on the hand-analysable toy model, against values worked out on paper, and a
 * toy run of every type whose records read back typed.
 */
class WiegreffePinterTypesTest {

    private static final double LN3 = Math.log(3);

    /** "a b": scores 0 and ln 3 give attention (1/4, 3/4); values +1 and -1. */
    private static final Map<String, double[]> BASE = Map.of("a", new double[] {0, 1}, "b", new double[] {LN3, -1});
    /** Equal scores: attention (1/2, 1/2). */
    private static final Map<String, double[]> UNIFORM = Map.of("a", new double[] {0, 1}, "b", new double[] {0, -1});

    @TempDir Path tmp;

    private static Instance instance(ClassifierModel model) {
        return new Instance(model, "x", model.tokenize("a b", true), 1);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void distanceIsTheHandComputedJsdOfTheAttentionsAndTvdOfTheOutputs() {
        Instance base = instance(new ToyAttentionModel(BASE, 0));
        Instance other = Companions.sameTokens(new ToyAttentionModel(UNIFORM, 0), base);
        ModelDistance d = ModelDistance.between(base, other, AttentionView.DEFAULT);
        // m = (3/8, 5/8); JSD = 1/2 KL((1/4, 3/4) || m) + 1/2 KL((1/2, 1/2) || m)
        double jsd = 0.5 * (0.25 * Math.log(0.25 / 0.375) + 0.75 * Math.log(0.75 / 0.625))
                + 0.5 * (0.5 * Math.log(0.5 / 0.375) + 0.5 * Math.log(0.5 / 0.625));
        assertEquals(jsd, d.jsd(), 1e-6);
        // z = bias + sum alpha v: base -0.1 + 1/4 - 3/4, uniform -0.1 + 0
        assertEquals(Math.abs(sigmoid(-0.6) - sigmoid(-0.1)), d.tvd(), 1e-6);
    }

    @Test
    void aSeedVariantThatIsTheModelItselfIsAtDistanceZero() {
        Instance base = instance(new ToyAttentionModel(BASE, 0));
        SeedVarianceExperiment e = new SeedVarianceExperiment(List.of(2L), AttentionView.DEFAULT);
        Companions same = role -> new ToyAttentionModel(BASE, 0);
        SeedVarianceExperiment.SeedDistance d = e.run(base, same).seeds().get(0);
        assertEquals(0, d.jsd(), 0);
        assertEquals(0, d.tvd(), 0);
        Companions other = role -> new ToyAttentionModel(UNIFORM, 0);
        assertTrue(e.run(base, other).seeds().get(0).jsd() > 0.01);
    }

    @Test
    void theDiagnosticPoolsWithTheImposedSourceAttention() {
        Instance base = instance(new ToyAttentionModel(BASE, 0));
        // The diagnostic's own scores are equal (it pools uniformly unless edited); values halved.
        Map<String, double[]> mlp = Map.of("a", new double[] {0, 0.5}, "b", new double[] {0, -0.5});
        // The trained MLP keeps its own scores, (ln 3, 0): attention (3/4, 1/4), values +1 and -1.
        Map<String, double[]> trained = Map.of("a", new double[] {LN3, 1}, "b", new double[] {0, -1});
        Companions companions = role -> switch (role) {
            case "diagnostic-uniform", "diagnostic-base", "diagnostic-adversary-2" -> new ToyAttentionModel(mlp, 0);
            case "diagnostic-trained" -> new ToyAttentionModel(trained, 0);
            case "adversary-2" -> new ToyAttentionModel(Map.of("a", new double[] {LN3, 0}, "b", new double[] {0, 0}), 0);
            default -> throw new IllegalStateException(role);
        };
        List<String> sources = List.of("base", "uniform", "adversary", "trained");
        DiagnosticExperiment.Result r = new DiagnosticExperiment(sources, 2.0).run(base, companions);
        assertEquals(sources, r.sources().stream().map(DiagnosticExperiment.SourcePrediction::source).toList());
        assertEquals(sigmoid(-0.1 + 0.25 * 0.5 - 0.75 * 0.5), r.sources().get(0).probabilities()[1], 1e-6); // base's (1/4, 3/4)
        assertEquals(sigmoid(-0.1), r.sources().get(1).probabilities()[1], 1e-6);                   // (1/2, 1/2)
        assertEquals(sigmoid(-0.1 + 0.75 * 0.5 - 0.25 * 0.5), r.sources().get(2).probabilities()[1], 1e-6); // adversary's (3/4, 1/4)
        assertEquals(sigmoid(-0.1 + 0.75 - 0.25), r.sources().get(3).probabilities()[1], 1e-6);     // its own (3/4, 1/4)
        assertEquals("pos", r.sources().get(2).predicted());
        assertEquals("neg", r.sources().get(0).predicted());
    }

    @Test
    void labelScoresAreTheHandComputedAccuracyAndMacroF1() {
        LabelScores s = LabelScores.of(List.of("pos", "pos", "neg", "neg"), List.of("pos", "neg", "neg", "neg"));
        assertEquals(0.75, s.accuracy(), 1e-12);
        // F1(pos) = 2·1 / (2·1 + 0 + 1) = 2/3; F1(neg) = 2·2 / (2·2 + 1 + 0) = 4/5
        assertEquals((2.0 / 3 + 4.0 / 5) / 2, s.macroF1(), 1e-12);
    }

    @Test
    void settingsAndCompanionsOfTheTypes() {
        assertThrows(IllegalArgumentException.class, () -> new SeedVarianceType.Settings(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SeedVarianceType.Settings(List.of(2L, 2L)));
        assertThrows(IllegalArgumentException.class, () -> new DiagnosticType.Settings(List.of("adversary"), null));
        assertThrows(IllegalArgumentException.class, () -> new DiagnosticType.Settings(List.of("base"), 1.0));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new DiagnosticType.Settings(List.of("uniform", "learned"), null));
        assertEquals("sources: each one of [uniform, trained, base, adversary], got 'learned'", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConsistentAdversaryType.Settings(List.of(0.0)));
        assertEquals(List.of("seed-2", "seed-3"), SeedVarianceType.INSTANCE.companions(new SeedVarianceType.Settings(null))
                .stream().map(Companion::role).toList());
        // The adversary comes before the diagnostic trained on its attention.
        assertEquals(List.of("diagnostic-uniform", "adversary-0.5", "diagnostic-adversary-0.5"), DiagnosticType.INSTANCE
                .companions(new DiagnosticType.Settings(List.of("uniform", "adversary"), 0.5)).stream().map(Companion::role).toList());
        assertEquals(List.of("diagnostic-trained", "diagnostic-base"), DiagnosticType.INSTANCE
                .companions(new DiagnosticType.Settings(List.of("trained", "base"), null)).stream().map(Companion::role).toList());
        assertEquals("adversary-10", new Companion.ConsistentAdversary(10.0).role());
    }

    @Test
    void aToyRunOfTheFourTypesReadsBackTyped() {
        ToySuiteMain.run(tmp, 0);
        List<ResultRecord<SeedVarianceExperiment.Result>> seeds = Records.read(tmp, SeedVarianceType.INSTANCE);
        assertEquals(ToySuiteMain.INSTANCES, seeds.size());
        SeedVarianceType.Summary s = SeedVarianceType.INSTANCE.summarize(seeds);
        assertTrue(s.qualifying() > 0 && s.bySeed().get("seed-2").jsd().mean() > 0, s.toString());
        UniformBaselineType.Summary u = UniformBaselineType.INSTANCE.summarize(Records.read(tmp, UniformBaselineType.INSTANCE));
        assertEquals(ToySuiteMain.INSTANCES, u.base().n());
        DiagnosticType.Summary d = DiagnosticType.INSTANCE.summarize(Records.read(tmp, DiagnosticType.INSTANCE));
        assertEquals(List.of("uniform", "trained", "base", "adversary"), List.copyOf(d.f1BySource().keySet()));
        ConsistentAdversaryType.Summary a = ConsistentAdversaryType.INSTANCE.summarize(
                Records.read(tmp, ConsistentAdversaryType.INSTANCE));
        assertEquals(0.5, a.byLambda().get("adversary-0.5").lambda());
        assertTrue(a.byLambda().get("adversary-0.5").jsd().mean() > s.bySeed().get("seed-2").jsd().mean(),
                "negated scores move attention further than shrunk ones");
    }
}
