package org.attnlab.explain;

import java.util.ArrayList;
import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.alg.flow.PushRelabelMFImpl;
import org.jgrapht.alg.interfaces.MaximumFlowAlgorithm;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;

/**
 * Attention flow (Abnar &amp; Zuidema 2020). The layered attention graph has a node per (layer boundary, token):
 * boundary 0 is the input tokens, boundary l+1 the output of layer l. Node (l+1, i) has an edge to (l, j) whose
 * capacity is layer l's residual-aware attention {@code 0.5 A + 0.5 I} (head mean, rows normalised, as in
 * {@link RolloutMeasure}). Token j scores the maximum flow from the query row's node at the top to input node
 * (0, j); the scores are divided by their sum, as in the authors' code. Where rollout multiplies attention along
 * every path, flow is bounded by each path's narrowest edge and by the capacity paths share.
 *
 * <p>Max-flow by JGraphT's push-relabel (any exact max-flow gives the same values). One flow per token over a
 * graph of {@code layers x n^2} edges: slower than rollout, about quadratically in the length.
 */
public final class AttentionFlowMeasure implements ImportanceMeasure {

    private final int row;

    public AttentionFlowMeasure(int row) {
        this.row = row;
    }

    @Override
    public String id() {
        return "attention-flow";
    }

    @Override
    public String key() {
        return id() + "[row=" + row + "]";
    }

    @Override
    public Importance explain(Instance x) {
        ContextMixing.requireSelfAttention(x, id());
        float[][][][] a = x.forward().attentions();
        List<double[][]> mixed = new ArrayList<>(a.length);
        for (float[][][] layer : a) {
            mixed.add(ContextMixing.residualMixed(layer));
        }
        return new Importance(id(), normalised(flows(mixed, row)), ContextMixing.allLayers(a.length));
    }

    /**
     * Maximum flow from node (top, {@code row}) to each input node (0, j) of the graph whose layer l edges carry
     * capacities {@code layers.get(l)[i][j]} from (l+1, i) to (l, j); not normalised.
     */
    static double[] flows(List<double[][]> layers, int row) {
        int n = layers.get(0).length;
        int top = layers.size();
        Graph<Integer, DefaultWeightedEdge> graph = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        for (int v = 0; v <= top * n + n - 1; v++) {
            graph.addVertex(v);
        }
        for (int l = 0; l < top; l++) {
            double[][] m = layers.get(l);
            for (int i = 0; i < n; i++) {
                // Only the source reaches the top boundary: other top nodes would be dead ends.
                if (l == top - 1 && i != row) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    if (m[i][j] > 0) {
                        graph.setEdgeWeight(graph.addEdge(node(l + 1, i, n), node(l, j, n)), m[i][j]);
                    }
                }
            }
        }
        MaximumFlowAlgorithm<Integer, DefaultWeightedEdge> maxFlow = new PushRelabelMFImpl<>(graph);
        double[] flow = new double[n];
        for (int j = 0; j < n; j++) {
            flow[j] = maxFlow.getMaximumFlowValue(node(top, row, n), node(0, j, n));
        }
        return flow;
    }

    private static int node(int boundary, int token, int n) {
        return boundary * n + token;
    }

    private static double[] normalised(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double[] out = v.clone();
        if (sum > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= sum;
            }
        }
        return out;
    }
}
