package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.ModelInfo;
import org.junit.jupiter.api.Test;

/**
 * Attention flow against two independent max-flow computations: the minimum cut found by enumerating every cut of
 * a 3-layer, 4-token graph written out here (max-flow = min-cut), and an Edmonds-Karp written here on random
 * layered graphs.
 */
class AttentionFlowMeasureTest {

    /** Head-mean attention [layer][query][key] of a 3-layer model over 4 tokens, rows summing to 1. */
    private static final float[][][] ATTENTION = {
            {{0.70f, 0.10f, 0.10f, 0.10f}, {0.05f, 0.05f, 0.80f, 0.10f}, {0.25f, 0.25f, 0.25f, 0.25f}, {0.0f, 0.5f, 0.5f, 0.0f}},
            {{0.10f, 0.60f, 0.20f, 0.10f}, {0.30f, 0.30f, 0.30f, 0.10f}, {0.90f, 0.0f, 0.0f, 0.10f}, {0.20f, 0.20f, 0.20f, 0.40f}},
            {{0.20f, 0.10f, 0.10f, 0.60f}, {0.40f, 0.40f, 0.10f, 0.10f}, {0.10f, 0.10f, 0.70f, 0.10f}, {0.5f, 0.0f, 0.0f, 0.5f}}};

    @Test
    void flowOnTheHandWrittenGraphIsTheMinimumCut() {
        int layers = ATTENTION.length;
        int n = ATTENTION[0].length;
        double[][][] capacity = new double[layers][n][n];
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    capacity[l][i][j] = 0.5 * ATTENTION[l][i][j] + (i == j ? 0.5 : 0);
                }
            }
        }
        for (int row : new int[] {0, 2}) {
            double[] expected = new double[n];
            for (int j = 0; j < n; j++) {
                expected[j] = minimumCut(capacity, row, j);
            }
            double[] flows = AttentionFlowMeasure.flows(Arrays.asList(capacity), row);
            System.out.println("attention flow from row " + row + ": min cut " + Arrays.toString(expected) + ", JGraphT "
                    + Arrays.toString(flows));
            assertArrayEquals(expected, flows, 1e-9);
            double sum = Arrays.stream(expected).sum();
            double[] normalised = Arrays.stream(expected).map(f -> f / sum).toArray();
            float[][][][] perHead = new float[layers][][][];
            for (int l = 0; l < layers; l++) {
                perHead[l] = new float[][][] {ATTENTION[l]};
            }
            Importance measured = new AttentionFlowMeasure(row).explain(new Instance(new FixedAttention(perHead), "x",
                    tokens(n), 0));
            assertArrayEquals(normalised, measured.scores(), 1e-6);
            assertEquals(List.of(0, 1, 2), measured.layers());
        }
    }

    @Test
    void rolloutOfTheSameAttentionIsTheProductOfTheMixedLayers() {
        int n = 4;
        double[][] product = new double[n][n];
        for (int i = 0; i < n; i++) {
            product[i][i] = 1;
        }
        float[][][][] perHead = new float[ATTENTION.length][][][];
        for (int l = 0; l < ATTENTION.length; l++) {
            perHead[l] = new float[][][] {ATTENTION[l]};
            double[][] next = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        next[i][j] += (0.5 * ATTENTION[l][i][k] + (i == k ? 0.5 : 0)) * product[k][j];
                    }
                }
            }
            product = next;
        }
        Importance rollout = new RolloutMeasure(1).explain(new Instance(new FixedAttention(perHead), "x", tokens(n), 0));
        assertArrayEquals(product[1], rollout.scores(), 1e-6);
        assertEquals(List.of(0, 1, 2), rollout.layers());
    }

    @Test
    void jgraphtAgreesWithEdmondsKarpOnRandomLayeredGraphs() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int layers = 1 + random.nextInt(4);
            int n = 2 + random.nextInt(7);
            List<double[][]> capacity = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                double[][] m = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        // About a third of the edges absent, the rest of very different sizes.
                        m[i][j] = random.nextDouble() < 0.3 ? 0 : Math.pow(random.nextDouble(), 3);
                    }
                }
                capacity.add(m);
            }
            int row = random.nextInt(n);
            double[] flows = AttentionFlowMeasure.flows(capacity, row);
            for (int j = 0; j < n; j++) {
                assertEquals(edmondsKarp(capacity, row, j), flows[j], 1e-9, "trial " + trial + " sink " + j);
            }
        }
    }

    @Test
    void headsAreAveragedAndMixedWithTheResidualBeforeTheFlow() {
        // Two heads whose mean is ATTENTION's layer: the flow cannot tell the two models apart.
        int n = 4;
        float[][][][] twoHeads = new float[ATTENTION.length][2][n][n];
        for (int l = 0; l < ATTENTION.length; l++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    twoHeads[l][0][i][j] = i == j ? 1 : 0;
                    twoHeads[l][1][i][j] = 2 * ATTENTION[l][i][j] - (i == j ? 1 : 0);
                }
            }
        }
        float[][][][] oneHead = new float[ATTENTION.length][][][];
        for (int l = 0; l < ATTENTION.length; l++) {
            oneHead[l] = new float[][][] {ATTENTION[l]};
        }
        // Head 1 is not a distribution on its own; the flow only ever sees the head mean.
        double[] a = new AttentionFlowMeasure(0).explain(new Instance(new FixedAttention(oneHead), "x", tokens(n), 0)).scores();
        double[] b = new AttentionFlowMeasure(0).explain(new Instance(new FixedAttention(twoHeads), "x", tokens(n), 0)).scores();
        assertArrayEquals(a, b, 1e-6);
        assertTrue(Arrays.stream(a).allMatch(v -> v > 0), "the residual keeps every token connected");
    }

    /**
     * The smallest capacity of an s-t cut: enumerate every set S of nodes containing the source and not the sink,
     * sum the capacities of edges leaving S. Nodes are (boundary, token); boundary l+1 -> l edges carry layer l.
     */
    private static double minimumCut(double[][][] capacity, int row, int sink) {
        int layers = capacity.length;
        int n = capacity[0].length;
        int nodes = (layers + 1) * n;
        int source = layers * n + row;
        List<Integer> free = new ArrayList<>();
        for (int v = 0; v < nodes; v++) {
            if (v != source && v != sink) {
                free.add(v);
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (long mask = 0; mask < 1L << free.size(); mask++) {
            boolean[] inS = new boolean[nodes];
            inS[source] = true;
            for (int b = 0; b < free.size(); b++) {
                if ((mask >> b & 1) == 1) {
                    inS[free.get(b)] = true;
                }
            }
            double cut = 0;
            for (int l = 0; l < layers; l++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (inS[(l + 1) * n + i] && !inS[l * n + j]) {
                            cut += capacity[l][i][j];
                        }
                    }
                }
            }
            best = Math.min(best, cut);
        }
        return best;
    }

    /** Edmonds-Karp (shortest augmenting paths by BFS) on the layered graph as a dense residual matrix. */
    private static double edmondsKarp(List<double[][]> capacity, int row, int sinkToken) {
        int layers = capacity.size();
        int n = capacity.get(0).length;
        int nodes = (layers + 1) * n;
        double[][] residual = new double[nodes][nodes];
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    residual[(l + 1) * n + i][l * n + j] = capacity.get(l)[i][j];
                }
            }
        }
        int source = layers * n + row;
        int sink = sinkToken;
        double total = 0;
        while (true) {
            int[] parent = new int[nodes];
            Arrays.fill(parent, -1);
            parent[source] = source;
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(source));
            while (!queue.isEmpty() && parent[sink] < 0) {
                int u = queue.poll();
                for (int v = 0; v < nodes; v++) {
                    if (parent[v] < 0 && residual[u][v] > 1e-12) {
                        parent[v] = u;
                        queue.add(v);
                    }
                }
            }
            if (parent[sink] < 0) {
                return total;
            }
            double push = Double.POSITIVE_INFINITY;
            for (int v = sink; v != source; v = parent[v]) {
                push = Math.min(push, residual[parent[v]][v]);
            }
            for (int v = sink; v != source; v = parent[v]) {
                residual[parent[v]][v] -= push;
                residual[v][parent[v]] += push;
            }
            total += push;
        }
    }

    private static TokenizedText tokens(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add("t" + i);
        }
        return new TokenizedText("x", t, new long[n], new boolean[n]);
    }

    /** A model that only reports the attention it is given. */
    private record FixedAttention(float[][][][] attention) implements ClassifierModel {

        @Override
        public ModelInfo info() {
            return new ModelInfo("fixed", "bert", attention.length, attention[0].length, 512, List.of("neg", "pos"));
        }

        @Override
        public TokenizedText tokenize(String text, boolean truncate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ForwardResult> forward(List<TokenizedText> inputs, ForwardOptions options) {
            return List.of(new ForwardResult(new double[] {0, 1}, new double[] {0.3, 0.7}, attention, null));
        }

        @Override
        public List<ForwardResult> forwardEdited(TokenizedText input, List<List<AttentionEdit>> editSets,
                                                 ForwardOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Gradients gradients(TokenizedText input, GradientRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
