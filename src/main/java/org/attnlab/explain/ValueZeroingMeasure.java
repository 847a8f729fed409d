package org.attnlab.explain;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ClassifierModel;

/**
 * Value zeroing (Mohebbi et al. 2023). In layer l, token j's value vector is set to zero in every head and the
 * layer is re-run from its original input; {@code C^l_ij} is the cosine distance between token i's layer output
 * with and without j's value, and each row of {@code C^l} is divided by its sum (the authors' code). Unlike
 * attention weights this sees the whole layer: value vectors, residuals, LayerNorms and the feed-forward part.
 *
 * <p>Over the whole model the per-layer matrices are composed by rollout without an added residual (the residual
 * is already inside each layer's score): {@code C^top ... C^0}, the authors' "value zeroing + rollout"; the score
 * of token j is row {@code row} ([CLS] by default) of the product. With {@code layer >= 0} the score is that one
 * layer's row instead (the authors' per-layer analysis). Special tokens are zeroed like any other, as the authors
 * do. Cost: {@code n + 1} runs of each covered layer, batched.
 */
public final class ValueZeroingMeasure implements ImportanceMeasure {

    /** Variants per model call: bounds the layer outputs held at once ({@code variants x n x hidden} doubles). */
    private static final int CHUNK = 32;

    private final int row;
    private final int layer;

    /**
     * @param row   the query row scored (0: [CLS])
     * @param layer a single layer to score, or -1 for the rollout over all layers
     */
    public ValueZeroingMeasure(int row, int layer) {
        this.row = row;
        this.layer = layer;
    }

    @Override
    public String id() {
        return "value-zeroing";
    }

    @Override
    public String key() {
        return id() + "[row=" + row + ", layer=" + layer + "]";
    }

    @Override
    public Importance explain(Instance x) {
        int layers = x.model().info().layers();
        if (layer >= layers) {
            throw new IllegalArgumentException("value zeroing in layer " + layer + ": " + x.model().info().name()
                    + " has layers 0.." + (layers - 1));
        }
        if (layer >= 0) {
            return new Importance(id(), scores(x.model(), x.input(), layer)[row], List.of(layer));
        }
        List<double[][]> perLayer = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            perLayer.add(scores(x.model(), x.input(), l));
        }
        return new Importance(id(), ContextMixing.rollout(perLayer)[row].clone(), ContextMixing.allLayers(layers));
    }

    /** Layer {@code l}'s row-normalised value-zeroing matrix {@code [i][j]}. */
    static double[][] scores(ClassifierModel model, TokenizedText input, int l) {
        int n = input.length();
        double[][] original = null;
        double[][] c = new double[n][n];
        for (int from = 0; from < n; ) {
            // The first call also runs the unedited layer (nothing zeroed), which every distance compares with.
            List<int[]> zeroed = new ArrayList<>();
            if (original == null) {
                zeroed.add(new int[0]);
            }
            int first = zeroed.size();
            int to = Math.min(n, from + CHUNK - first);
            for (int j = from; j < to; j++) {
                zeroed.add(new int[] {j});
            }
            List<double[][]> outputs = model.zeroedValueOutputs(input, l, zeroed);
            if (original == null) {
                original = outputs.get(0);
            }
            for (int k = first; k < zeroed.size(); k++) {
                int j = from + k - first;
                for (int i = 0; i < n; i++) {
                    c[i][j] = cosineDistance(outputs.get(k)[i], original[i]);
                }
            }
            from = to;
        }
        for (double[] r : c) {
            double sum = 0;
            for (double v : r) {
                sum += v;
            }
            if (sum > 0) {
                for (int j = 0; j < n; j++) {
                    r[j] /= sum;
                }
            }
        }
        return c;
    }

    static double cosineDistance(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        // Clipped at 0 like scikit-learn's cosine_distances (the authors' metric): rounding can give -1e-16.
        return Math.max(0, 1 - dot / Math.sqrt(na * nb));
    }
}
