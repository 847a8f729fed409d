package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.NotApplicableException;
import org.attnlab.model.Precision;
import org.attnlab.model.djl.DjlBertModel;
import org.attnlab.testing.ToyAttentionModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Value zeroing (Mohebbi et al. 2023) and ALTI (Ferrando et al. 2022) against their published definitions computed
 * here in float64 from the raw weights of a tiny BERT ({@link TinyBert}), on one layer (the acceptance case) and on
 * two (their rollout across layers).
 */
class ContextMixingOracleTest {

    private static final double TOLERANCE = 1e-9;
    private static final String TEXT = "the film was not bad";

    @TempDir static Path tmp;
    private static TinyBert oneLayer;
    private static TinyBert twoLayers;
    private static DjlBertModel one;
    private static DjlBertModel two;

    @BeforeAll
    static void load() throws Exception {
        oneLayer = TinyBert.write(tmp.resolve("one"), 1, 11);
        twoLayers = TinyBert.write(tmp.resolve("two"), 2, 12);
        one = DjlBertModel.load(oneLayer.dir, Precision.FLOAT64);
        two = DjlBertModel.load(twoLayers.dir, Precision.FLOAT64);
    }

    @AfterAll
    static void close() {
        one.close();
        two.close();
    }

    @Test
    void theReferenceForwardIsTheModelsForward() {
        // Guards the oracle itself: same weights, same probabilities.
        for (var pair : List.of(Map.entry(oneLayer, one), Map.entry(twoLayers, two))) {
            TokenizedText t = pair.getValue().tokenize(TEXT, false);
            assertArrayEquals(pair.getKey().forward(t.ids()).probabilities(),
                    pair.getValue().forward(t, org.attnlab.model.ForwardOptions.OUTPUT_ONLY).probabilities(), 1e-12);
        }
    }

    @Test
    void valueZeroingOnOneLayerIsTheHandComputation() {
        TokenizedText t = one.tokenize(TEXT, false);
        double[][] expected = valueZeroing(oneLayer, t.ids(), 0);
        Instance x = new Instance(one, "s", t, 0);
        Importance rolled = new ValueZeroingMeasure(0, -1).explain(x);
        Importance layer0 = new ValueZeroingMeasure(0, 0).explain(x);
        System.out.println("value zeroing, one layer, [CLS] row: " + java.util.Arrays.toString(expected[0]));
        assertArrayEquals(expected[0], rolled.scores(), TOLERANCE);
        assertArrayEquals(expected[0], layer0.scores(), TOLERANCE);
        assertEquals(List.of(0), rolled.layers());
        // Another row: the measure follows the row it is given.
        assertArrayEquals(expected[3], new ValueZeroingMeasure(3, -1).explain(x).scores(), TOLERANCE);
        assertTrue(expected[0][1] > 0, "a real token moves [CLS]'s output");
    }

    @Test
    void valueZeroingOfALongInputSpansSeveralModelCalls() {
        TokenizedText t = one.tokenize("a long sentence of more than thirty two word pieces, so that the zeroed tokens "
                + "do not fit in one batch of the model and the measure has to call it several times over", false);
        assertTrue(t.length() > 33, "longer than one call's variants: " + t.length());
        double[][] expected = valueZeroing(oneLayer, t.ids(), 0);
        double[] scores = new ValueZeroingMeasure(0, -1).explain(new Instance(one, "long", t, 0)).scores();
        assertArrayEquals(expected[0], scores, TOLERANCE);
    }

    @Test
    void valueZeroingOverTwoLayersRollsTheLayersOut() {
        TokenizedText t = two.tokenize(TEXT, false);
        double[][] c0 = valueZeroing(twoLayers, t.ids(), 0);
        double[][] c1 = valueZeroing(twoLayers, t.ids(), 1);
        Instance x = new Instance(two, "s", t, 0);
        assertArrayEquals(rowOfProduct(c1, c0, 0), new ValueZeroingMeasure(0, -1).explain(x).scores(), TOLERANCE);
        assertArrayEquals(c1[0], new ValueZeroingMeasure(0, 1).explain(x).scores(), TOLERANCE);
        assertEquals(List.of(0, 1), new ValueZeroingMeasure(0, -1).explain(x).layers());
        assertEquals(List.of(1), new ValueZeroingMeasure(0, 1).explain(x).layers());
    }

    @Test
    void altiOnOneLayerIsThePublishedFormula() {
        TokenizedText t = one.tokenize(TEXT, false);
        double[][] expected = alti(oneLayer, t.ids(), 0);
        Importance alti = new AltiMeasure(0).explain(new Instance(one, "s", t, 0));
        System.out.println("ALTI, one layer, [CLS] row: " + java.util.Arrays.toString(expected[0]));
        assertArrayEquals(expected[0], alti.scores(), TOLERANCE);
        assertEquals(List.of(0), alti.layers());
        assertArrayEquals(expected[2], new AltiMeasure(2).explain(new Instance(one, "s", t, 0)).scores(), TOLERANCE);
    }

    @Test
    void altiOverTwoLayersRollsTheLayersOut() {
        TokenizedText t = two.tokenize(TEXT, false);
        double[][] c0 = alti(twoLayers, t.ids(), 0);
        double[][] c1 = alti(twoLayers, t.ids(), 1);
        Importance alti = new AltiMeasure(0).explain(new Instance(two, "s", t, 0));
        assertArrayEquals(rowOfProduct(c1, c0, 0), alti.scores(), TOLERANCE);
        assertEquals(List.of(0, 1), alti.layers());
    }

    @Test
    void rnnAttentionModelsAreNotApplicable() {
        ToyAttentionModel toy = new ToyAttentionModel(Map.of("good", new double[] {1, 1}, "bad", new double[] {0, -1}), 0);
        Instance x = new Instance(toy, "t", toy.tokenize("good bad", false), 0);
        for (ImportanceMeasure m : List.of(new ValueZeroingMeasure(0, -1), new AltiMeasure(0), new AttentionFlowMeasure(0))) {
            NotApplicableException e = assertThrows(NotApplicableException.class, () -> m.explain(x), m.id());
            assertTrue(e.getMessage().contains("toy"), e.getMessage());
        }
    }

    /**
     * Mohebbi et al.: {@code C_ij} = cosine distance between token i's layer-l output with token j's value vector
     * zeroed (all heads, the layer's input unchanged) and without; rows divided by their sums.
     */
    private static double[][] valueZeroing(TinyBert b, long[] ids, int layer) {
        int n = ids.length;
        double[][] original = b.forward(ids).layerOutputs()[layer];
        double[][] c = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[][] zeroed = b.forward(ids, layer, j, new boolean[n]).layerOutputs()[layer];
            for (int i = 0; i < n; i++) {
                double dot = 0;
                double na = 0;
                double nb = 0;
                for (int k = 0; k < zeroed[i].length; k++) {
                    dot += zeroed[i][k] * original[i][k];
                    na += zeroed[i][k] * zeroed[i][k];
                    nb += original[i][k] * original[i][k];
                }
                c[i][j] = 1 - dot / Math.sqrt(na * nb);
            }
        }
        return rowNormalised(c);
    }

    /**
     * Ferrando et al., eqs. for a post-LN block: {@code T_i(x_j) = L_i(sum_h alpha^h_ij (x_j W_V^h + b_V^h) W_O^h +
     * [i=j] x_i)}, {@code L_i(u) = gamma (u - mean u) / sigma_i} with sigma_i the LayerNorm's scale of the real
     * pre-LN vector, output {@code y_i} = the LayerNorm's output; {@code c_ij = max(0, ||y_i||_1 - ||y_i -
     * T_i(x_j)||_1)}, rows divided by their sums. Also checks that the parts add up to y_i.
     */
    private static double[][] alti(TinyBert b, long[] ids, int layer) {
        TinyBert.Trace trace = b.forward(ids);
        double[][] x = trace.layerInputs()[layer];
        double[][][] alpha = trace.attention()[layer];
        String p = "encoder.layer." + layer + ".";
        double[][] v = b.dense(x, p + "attention.self.value");
        double[] wo = b.w.get(p + "attention.output.dense.weight");
        double[] bo = b.w.get(p + "attention.output.dense.bias");
        double[] gamma = b.w.get(p + "attention.output.LayerNorm.weight");
        double[] beta = b.w.get(p + "attention.output.LayerNorm.bias");
        int n = ids.length;
        int d = TinyBert.HIDDEN;
        int dh = d / TinyBert.HEADS;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            // The real pre-LayerNorm vector: residual + attention output dense (with its bias).
            double[][] contextRow = new double[1][d];
            for (int h = 0; h < TinyBert.HEADS; h++) {
                for (int j = 0; j < n; j++) {
                    for (int cc = h * dh; cc < (h + 1) * dh; cc++) {
                        contextRow[0][cc] += alpha[h][i][j] * v[j][cc];
                    }
                }
            }
            double[] pre = b.dense(contextRow, p + "attention.output.dense")[0];
            for (int k = 0; k < d; k++) {
                pre[k] += x[i][k];
            }
            double[] y = b.layerNorm(pre, p + "attention.output.LayerNorm");
            double sigma = Math.sqrt(variance(pre) + TinyBert.EPS);
            double[][] parts = new double[n][];
            for (int j = 0; j < n; j++) {
                double[] u = new double[d];
                for (int h = 0; h < TinyBert.HEADS; h++) {
                    // f^h(x_j) = v^h_j W_O^h: head h's slice of v through W_O's columns h*dh.. (HF stores [out][in]).
                    for (int o = 0; o < d; o++) {
                        double f = 0;
                        for (int cc = h * dh; cc < (h + 1) * dh; cc++) {
                            f += v[j][cc] * wo[o * d + cc];
                        }
                        u[o] += alpha[h][i][j] * f;
                    }
                }
                if (i == j) {
                    for (int k = 0; k < d; k++) {
                        u[k] += x[i][k];
                    }
                }
                parts[j] = linearNorm(u, gamma, sigma);
            }
            double[] sum = linearNorm(bo, gamma, sigma);
            for (int k = 0; k < d; k++) {
                sum[k] += beta[k];
                for (int j = 0; j < n; j++) {
                    sum[k] += parts[j][k];
                }
            }
            assertArrayEquals(y, sum, 1e-10, "the transformed vectors and biases add up to the block output");
            double yNorm = 0;
            for (double e : y) {
                yNorm += Math.abs(e);
            }
            for (int j = 0; j < n; j++) {
                double distance = 0;
                for (int k = 0; k < d; k++) {
                    distance += Math.abs(y[k] - parts[j][k]);
                }
                c[i][j] = Math.max(0, -distance + yNorm);
            }
        }
        return rowNormalised(c);
    }

    private static double[] linearNorm(double[] u, double[] gamma, double sigma) {
        double mean = 0;
        for (double e : u) {
            mean += e;
        }
        mean /= u.length;
        double[] out = new double[u.length];
        for (int k = 0; k < u.length; k++) {
            out[k] = gamma[k] * (u[k] - mean) / sigma;
        }
        return out;
    }

    private static double variance(double[] u) {
        double mean = 0;
        for (double e : u) {
            mean += e;
        }
        mean /= u.length;
        double var = 0;
        for (double e : u) {
            var += (e - mean) * (e - mean);
        }
        return var / u.length;
    }

    private static double[][] rowNormalised(double[][] c) {
        for (double[] row : c) {
            double s = 0;
            for (double e : row) {
                s += e;
            }
            for (int j = 0; j < row.length; j++) {
                row[j] /= s;
            }
        }
        return c;
    }

    /** Row {@code row} of {@code upper x lower}. */
    private static double[] rowOfProduct(double[][] upper, double[][] lower, int row) {
        int n = lower.length;
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                out[j] += upper[row][k] * lower[k][j];
            }
        }
        return out;
    }
}
