package org.attnlab.model.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Skip-gram with negative sampling: the update against finite differences of its loss, and what it learns. */
class SkipGramTest {

    /** pairStep moves the output by -alpha dL/dv and reports -alpha dL/du, L = -log sigmoid(+-u.v), in float64 by central differences. */
    @Test
    void thePairUpdateIsMinusAlphaTimesTheLossGradient() {
        Random r = new Random(7);
        int d = 5;
        for (int label = 0; label <= 1; label++) {
            float[] u = new float[d];
            float[] v = new float[d];
            for (int j = 0; j < d; j++) {
                u[j] = (float) r.nextGaussian();
                v[j] = (float) r.nextGaussian();
            }
            double alpha = 0.1;
            double[] inputStep = new double[d];
            float[] vAfter = v.clone();
            SkipGram.pairStep(u, 0, vAfter, 0, d, label, alpha, inputStep);
            double h = 1e-6;
            for (int j = 0; j < d; j++) {
                double[] uu = toDouble(u);
                double[] vv = toDouble(v);
                uu[j] += h;
                double plus = loss(uu, vv, label);
                uu[j] -= 2 * h;
                double minus = loss(uu, vv, label);
                assertEquals(-alpha * (plus - minus) / (2 * h), inputStep[j], 1e-6, "input, label " + label + ", dim " + j);
                uu[j] += h;
                vv[j] += h;
                plus = loss(uu, vv, label);
                vv[j] -= 2 * h;
                minus = loss(uu, vv, label);
                assertEquals(-alpha * (plus - minus) / (2 * h), vAfter[j] - v[j], 1e-6, "output, label " + label + ", dim " + j);
            }
        }
    }

    private static double loss(double[] u, double[] v, int label) {
        double dot = 0;
        for (int j = 0; j < u.length; j++) {
            dot += u[j] * v[j];
        }
        double sign = label == 1 ? 1 : -1;
        return Math.log1p(Math.exp(-sign * dot));
    }

    private static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    /**
     * Two topics whose words never share a text: after training, words of the same topic are closer
     * (cosine) than words of different topics. The same seed gives the same vectors.
     */
    @Test
    void wordsSharingContextsEndUpCloseAndTheSeedFixesTheResult() {
        Random r = new Random(1);
        List<int[]> corpus = new ArrayList<>();
        for (int t = 0; t < 400; t++) {
            int topic = t % 2;
            int[] text = new int[20];
            for (int i = 0; i < text.length; i++) {
                text[i] = topic * 10 + r.nextInt(10);
            }
            corpus.add(text);
        }
        SkipGram.Settings s = new SkipGram.Settings(16, 3, 5, 5, 0.025, 0, 3);
        float[][] v = SkipGram.train(corpus, 20, s);
        double within = 0;
        double across = 0;
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                if (a != b) {
                    within += cosine(v[a], v[b]) + cosine(v[10 + a], v[10 + b]);
                }
                across += 2 * cosine(v[a], v[10 + b]);
            }
        }
        within /= 180;
        across /= 200;
        System.out.printf("skip-gram toy: mean cosine within topic %.3f, across %.3f%n", within, across);
        assertTrue(within > 0.5 && within - across > 0.5, "within " + within + ", across " + across);
        // The progress listener sees every word of every epoch once, in order, and does not change the vectors.
        List<long[]> calls = new ArrayList<>();
        float[][] again = SkipGram.train(corpus, 20, s, (done, total) -> calls.add(new long[] {done, total}));
        for (int w = 0; w < 20; w++) {
            assertArrayEquals(v[w], again[w], 0f);
        }
        assertEquals(5 * 400, calls.size(), "one call per text per epoch");
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(5L * 400 * 20, calls.get(i)[1]);
            assertEquals(20L * (i + 1), calls.get(i)[0]);
        }
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int j = 0; j < a.length; j++) {
            ab += a[j] * b[j];
            aa += a[j] * a[j];
            bb += b[j] * b[j];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
