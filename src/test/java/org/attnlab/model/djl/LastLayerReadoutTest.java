package org.attnlab.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.AttentionReadout;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.NotApplicableException;
import org.attnlab.model.Precision;
import org.attnlab.model.hf.BertConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last-layer [CLS] readout against the ordinary forward, in float64 on a small random BERT: its probabilities
 * equal {@code forwardEdited}'s full computation (shortcuts off) with the rows put in by Replace edits, and its
 * vector–Jacobian product equals central finite differences of that forward.
 */
class LastLayerReadoutTest {

    private static final double STEP = 1e-6;

    @TempDir static Path tmp;
    private static DjlBertModel model;
    private static TokenizedText input;
    private static float[][][] last; // [head][query][key] of the last layer

    @BeforeAll
    static void load() throws Exception {
        Path dir = RandomBertDirectory.write(tmp.resolve("fd"),
                RandomBertDirectory.smallConfig(List.of("neg", "pos", "neutral"), BertConfig.Pooling.CLS_POOLER), 11);
        model = DjlBertModel.load(dir, Precision.FLOAT64);
        model.useShortcuts(false);
        input = model.tokenize("the film was not bad at all", false);
        float[][][][] a = model.forward(input, ForwardOptions.WITH_ATTENTIONS).attentions();
        last = a[a.length - 1];
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheOrdinaryForward() {
        int layer = model.info().layers() - 1;
        Random random = new Random(3);
        try (AttentionReadout readout = model.attentionReadout(input, layer, 0)) {
            int heads = readout.heads();
            int n = readout.keys();
            assertEquals(model.info().heads(), heads);
            assertEquals(input.length(), n);
            double[][][] rows = new double[2][heads][];
            double[][] upstream = new double[2][readout.classes()];
            for (int k = 0; k < 2; k++) {
                for (int h = 0; h < heads; h++) {
                    rows[k][h] = randomDistribution(random, n);
                }
                for (int c = 0; c < readout.classes(); c++) {
                    upstream[k][c] = random.nextGaussian();
                }
            }
            double[][] p = readout.probabilities(rows);
            double[][][] grad = readout.backward(rows, upstream);
            double maxError = 0;
            double maxGrad = 0;
            for (int k = 0; k < 2; k++) {
                double[] forward = rerun(layer, java.util.Collections.singletonList(rows[k])).get(0).probabilities();
                for (int c = 0; c < forward.length; c++) {
                    assertEquals(forward[c], p[k][c], 1e-12, "probability of class " + c);
                }
                List<double[][]> perturbed = new ArrayList<>();
                for (int h = 0; h < heads; h++) {
                    for (int t = 0; t < n; t++) {
                        for (double sign : new double[] {1, -1}) {
                            double[][] r = copy(rows[k]);
                            r[h][t] += sign * STEP;
                            perturbed.add(r);
                        }
                    }
                }
                List<ForwardResult> out = rerun(layer, perturbed);
                int i = 0;
                for (int h = 0; h < heads; h++) {
                    for (int t = 0; t < n; t++) {
                        double plus = dot(upstream[k], out.get(i++).probabilities());
                        double minus = dot(upstream[k], out.get(i++).probabilities());
                        double fd = (plus - minus) / (2 * STEP);
                        maxError = Math.max(maxError, Math.abs(fd - grad[k][h][t]));
                        maxGrad = Math.max(maxGrad, Math.abs(fd));
                    }
                }
            }
            System.out.printf("attention readout VJP: max abs error %.2e vs finite differences (max |grad| %.2e)%n",
                    maxError, maxGrad);
            assertTrue(maxGrad > 1e-3, "the gradient is not trivially zero: " + maxGrad);
            assertTrue(maxError <= 1e-7 * (1 + maxGrad), "error " + maxError);
        }
    }

    /** RoBERTa, DistilBERT and ELECTRA heads read [CLS] too: same probabilities, and a directional derivative. */
    @Test
    void everyArchitectureMatchesTheOrdinaryForward() {
        for (String name : org.attnlab.testing.ArchitectureFixtures.NAMES) {
            try (DjlBertModel arch = DjlBertModel.load(org.attnlab.testing.ArchitectureFixtures.dir(name), Precision.FLOAT64)) {
                arch.useShortcuts(false);
                TokenizedText x = arch.tokenize("the plot was dull and the acting worse", false);
                float[][][][] all = arch.forward(x, ForwardOptions.WITH_ATTENTIONS).attentions();
                int layer = arch.info().layers() - 1;
                float[][][] lastLayer = all[layer];
                Random random = new Random(9);
                try (AttentionReadout readout = arch.attentionReadout(x, layer, 0)) {
                    int heads = readout.heads();
                    double[][] rows = new double[heads][];
                    double[][] direction = new double[heads][x.length()];
                    for (int h = 0; h < heads; h++) {
                        rows[h] = randomDistribution(random, x.length());
                        for (int t = 0; t < x.length(); t++) {
                            direction[h][t] = random.nextGaussian();
                        }
                    }
                    double[] up = new double[readout.classes()];
                    up[0] = 1;
                    double[] p = readout.probabilities(new double[][][] {rows})[0];
                    double[][] g = readout.backward(new double[][][] {rows}, new double[][] {up})[0];
                    double[][] plus = copy(rows);
                    double[][] minus = copy(rows);
                    double analytic = 0;
                    for (int h = 0; h < heads; h++) {
                        for (int t = 0; t < x.length(); t++) {
                            plus[h][t] += STEP * direction[h][t];
                            minus[h][t] -= STEP * direction[h][t];
                            analytic += g[h][t] * direction[h][t];
                        }
                    }
                    List<ForwardResult> out = rerun(arch, x, lastLayer, layer, List.of(rows, plus, minus));
                    for (int c = 0; c < p.length; c++) {
                        assertEquals(out.get(0).probabilities()[c], p[c], 1e-12, name + " class " + c);
                    }
                    double fd = (out.get(1).probabilities()[0] - out.get(2).probabilities()[0]) / (2 * STEP);
                    assertTrue(Math.abs(analytic) > 1e-4, name + ": derivative not trivially zero " + analytic);
                    assertEquals(fd, analytic, 1e-7 * (1 + Math.abs(fd)), name);
                }
            }
        }
    }

    @Test
    void otherLayersRowsAndHeadsAreNotApplicable() {
        assertThrows(NotApplicableException.class, () -> model.attentionReadout(input, 0, 0));
        assertThrows(NotApplicableException.class, () -> model.attentionReadout(input, model.info().layers() - 1, 1));
    }

    @Test
    void meanPoolingHasNoReadout() throws Exception {
        Path dir = RandomBertDirectory.write(tmp.resolve("mean"),
                RandomBertDirectory.smallConfig(List.of("neg", "pos"), BertConfig.Pooling.MEAN), 5);
        try (DjlBertModel mean = DjlBertModel.load(dir, Precision.FLOAT64)) {
            NotApplicableException e = assertThrows(NotApplicableException.class,
                    () -> mean.attentionReadout(input, mean.info().layers() - 1, 0));
            assertTrue(e.getMessage().contains("[CLS]"), e.getMessage());
        }
    }

    /** The ordinary forward with row 0 of every head of {@code layer} replaced by each candidate's rows. */
    private static List<ForwardResult> rerun(int layer, List<double[][]> candidates) {
        return rerun(model, input, last, layer, candidates);
    }

    private static List<ForwardResult> rerun(DjlBertModel model, TokenizedText input, float[][][] last, int layer,
                                             List<double[][]> candidates) {
        List<List<AttentionEdit>> sets = new ArrayList<>();
        for (double[][] rows : candidates) {
            List<AttentionEdit> set = new ArrayList<>();
            for (int h = 0; h < rows.length; h++) {
                double[][] m = new double[last[h].length][];
                for (int q = 0; q < m.length; q++) {
                    m[q] = new double[last[h][q].length];
                    for (int t = 0; t < m[q].length; t++) {
                        m[q][t] = q == 0 ? rows[h][t] : last[h][q][t];
                    }
                }
                set.add(new AttentionEdit.Replace(layer, h, m));
            }
            sets.add(set);
        }
        return model.forwardEdited(input, sets, ForwardOptions.OUTPUT_ONLY);
    }

    private static double[] randomDistribution(Random random, int n) {
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(2 * random.nextGaussian());
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
