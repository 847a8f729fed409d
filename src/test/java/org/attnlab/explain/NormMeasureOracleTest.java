package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.djl.DjlBertModel;
import org.attnlab.model.hf.onnx.OnnxGraph;
import org.attnlab.model.hf.onnx.OnnxNode;
import org.attnlab.testing.MiniLmOnnx;
import org.attnlab.testing.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Norm-based attention on the real all-MiniLM-L6-v2 against ONNX Runtime running the original ONNX graph. The
 * transformed vectors {@code f^h(x_j) = v^h_j W_O^h} are rebuilt here in double precision from our value vectors
 * and the attention output dense's weight as the ONNX file stores it ([in, out], untouched by our importer), and
 * must (1) add up, weighted by our attention, to ONNX Runtime's dense output before the residual and LayerNorm,
 * which fixes what f is, and (2) have the norms the model reports and {@link NormMeasure} uses.
 */
class NormMeasureOracleTest {

    /** Relative to the largest |value| compared: float32 sums over 384-wide dot products. */
    private static final double RELATIVE_TOLERANCE = 1e-5;

    private static DjlBertModel model;
    private static MiniLmOnnx ort;
    /** Per layer: the attention output dense's weight [in][out], its bias, and the graph tensor of its output. */
    private static float[][][] denseWeights;
    private static float[][] denseBiases;
    private static List<String> denseOutputs;

    @BeforeAll
    static void setUp() throws IOException, OrtException {
        model = DjlBertModel.load(TestModels.minilm());
        OnnxGraph graph = MiniLmOnnx.graph();
        int layers = model.info().layers();
        denseWeights = new float[layers][][];
        denseBiases = new float[layers][];
        String[] outputs = new String[layers];
        for (OnnxNode n : graph.nodes()) {
            for (int l = 0; l < layers; l++) {
                String bias = "encoder.layer." + l + ".attention.output.dense.bias";
                if (n.opType().equals("Add") && n.inputs().contains(bias)) {
                    String product = n.inputs().get(n.inputs().get(0).equals(bias) ? 1 : 0);
                    OnnxNode matMul = graph.producer(product).orElseThrow();
                    assertEquals("MatMul", matMul.opType(), "the dense bias is added to a MatMul in layer " + l);
                    float[] w = graph.constant(matMul.inputs().get(1)).orElseThrow().floats();
                    long[] dims = graph.constant(matMul.inputs().get(1)).orElseThrow().dims();
                    denseWeights[l] = rows(w, (int) dims[0], (int) dims[1]);
                    denseBiases[l] = graph.constant(bias).orElseThrow().floats();
                    outputs[l] = n.output();
                }
            }
        }
        denseOutputs = List.of(outputs); // rejects a null: every layer must have its dense
        ort = MiniLmOnnx.withOutputs(denseOutputs);
    }

    @AfterAll
    static void tearDown() throws OrtException {
        if (ort != null) {
            ort.close();
        }
        if (model != null) {
            model.close();
        }
    }

    @Test
    void transformedVectorsRebuildTheAttentionOutputAndHaveTheReportedNorms() throws OrtException {
        double[] worstDense = {0, 0};
        double[] worstNorm = {0, 0};
        for (String sentence : TestModels.SENTENCES) {
            TokenizedText t = model.tokenize(sentence, false);
            ForwardResult ours = model.forward(t, ForwardOptions.EVERYTHING);
            float[][][] reference = denseOutputs(t);
            int n = t.length();
            for (int l = 0; l < denseOutputs.size(); l++) {
                double[][][] f = transformed(ours.values()[l], denseWeights[l]);
                double[][] rebuilt = new double[n][denseBiases[l].length];
                for (int i = 0; i < n; i++) {
                    for (int o = 0; o < rebuilt[i].length; o++) {
                        rebuilt[i][o] = denseBiases[l][o];
                    }
                }
                for (int h = 0; h < f.length; h++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double a = ours.attentions()[l][h][i][j];
                            for (int o = 0; o < rebuilt[i].length; o++) {
                                rebuilt[i][o] += a * f[h][j][o];
                            }
                        }
                    }
                }
                worst(worstDense, diff(reference[l], rebuilt));
                worst(worstNorm, diff(ours.transformedNorms()[l], norms(f)));
            }
        }
        double dense = worstDense[0] / worstDense[1];
        double norm = worstNorm[0] / worstNorm[1];
        System.out.printf(Locale.ROOT, "norm oracle: %d sentences, max |diff| / max |value|: attention output"
                        + " %.2e / %.2f = %.2e, ||f|| %.2e / %.2f = %.2e (limit %.0e)%n", TestModels.SENTENCES.size(),
                worstDense[0], worstDense[1], dense, worstNorm[0], worstNorm[1], norm, RELATIVE_TOLERANCE);
        assertTrue(dense <= RELATIVE_TOLERANCE, "sum_j alpha_ij f(x_j) + b_O vs ONNX Runtime: " + dense);
        assertTrue(norm <= RELATIVE_TOLERANCE, "||f(x_j)|| vs the model's: " + norm);
    }

    @Test
    void theMeasureIsAttentionTimesTheNormsInTheChosenView() {
        TokenizedText t = model.tokenize(TestModels.SENTENCES.get(2), false);
        Instance x = new Instance(model, "s2", t, 0);
        ForwardResult ours = x.forward();
        int n = t.length();
        List<AttentionView> views = List.of(AttentionView.DEFAULT, new AttentionView(2, 5, -1), new AttentionView(0, 11, 3));
        for (AttentionView view : views) {
            int l = view.resolveLayer(6);
            double[][] norms = norms(transformed(ours.values()[l], denseWeights[l]));
            double[] expected = new double[n];
            int count = 0;
            for (int h = 0; h < norms.length; h++) {
                for (int i = 0; i < n; i++) {
                    if ((view.head() < 0 || h == view.head()) && (view.row() < 0 || i == view.row())) {
                        for (int j = 0; j < n; j++) {
                            expected[j] += ours.attentions()[l][h][i][j] * norms[h][j];
                        }
                        count++;
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                expected[j] /= count;
            }
            double[] scores = new NormMeasure(view).explain(x).scores();
            double scale = Arrays.stream(expected).max().orElseThrow();
            assertArrayEquals(expected, scores, RELATIVE_TOLERANCE * scale, view.toString());
        }
    }

    @Test
    void batchedAndEditedForwardsReportTheSameNormsAsOneInput() {
        List<TokenizedText> inputs = new ArrayList<>();
        TestModels.SENTENCES.forEach(s -> inputs.add(model.tokenize(s, false)));
        List<ForwardResult> batched = model.forward(inputs, ForwardOptions.EVERYTHING);
        for (int k = 0; k < inputs.size(); k++) {
            float[][][] alone = model.forward(inputs.get(k), ForwardOptions.EVERYTHING).transformedNorms();
            assertTrue(relativeDiff(alone, batched.get(k).transformedNorms()) <= RELATIVE_TOLERANCE, "input " + k);
        }
        // An edit in layer 3 leaves the values of layers 0..3 alone (they are computed before its attention) and
        // changes those above: the norms below the split come from the shared lower pass.
        TokenizedText input = inputs.get(1);
        float[][][] plain = model.forward(input, ForwardOptions.EVERYTHING).transformedNorms();
        List<AttentionEdit> erase = List.of(new AttentionEdit.ZeroKeys(3, AttentionEdit.ALL_HEADS, new int[] {1, 2}));
        float[][][] edited = model.forwardEdited(input, List.of(List.of(), erase), ForwardOptions.EVERYTHING).get(1)
                .transformedNorms();
        for (int l = 0; l < plain.length; l++) {
            double diff = relativeDiff(new float[][][] {plain[l]}, new float[][][] {edited[l]});
            assertTrue(l <= 3 ? diff <= RELATIVE_TOLERANCE : diff > 1e-3, "layer " + l + ": relative diff " + diff);
        }
    }

    private static void worst(double[] worst, double[] diff) {
        worst[0] = Math.max(worst[0], diff[0]);
        worst[1] = Math.max(worst[1], diff[1]);
    }

    /** ONNX Runtime's attention output dense result {@code [layer][token][hidden]}, before residual and LayerNorm. */
    private static float[][][] denseOutputs(TokenizedText t) throws OrtException {
        Map<String, Object> reference = ort.run(t.ids(), denseOutputs);
        float[][][] out = new float[denseOutputs.size()][][];
        for (int l = 0; l < out.length; l++) {
            out[l] = (float[][]) reference.get(denseOutputs.get(l));
        }
        return out;
    }

    /** {@code f[h][j] = v[h][j] W_O^h}, with {@code W_O^h} rows {@code h*headSize..} of {@code weight [in][out]}. */
    private static double[][][] transformed(float[][][] v, float[][] weight) {
        int headSize = v[0][0].length;
        int out = weight[0].length;
        double[][][] f = new double[v.length][v[0].length][out];
        for (int h = 0; h < v.length; h++) {
            for (int j = 0; j < v[h].length; j++) {
                for (int k = 0; k < headSize; k++) {
                    double vk = v[h][j][k];
                    float[] row = weight[h * headSize + k];
                    for (int o = 0; o < out; o++) {
                        f[h][j][o] += vk * row[o];
                    }
                }
            }
        }
        return f;
    }

    private static double[][] norms(double[][][] f) {
        double[][] norms = new double[f.length][f[0].length];
        for (int h = 0; h < f.length; h++) {
            for (int j = 0; j < f[h].length; j++) {
                double sum = 0;
                for (double x : f[h][j]) {
                    sum += x * x;
                }
                norms[h][j] = Math.sqrt(sum);
            }
        }
        return norms;
    }

    /** max |a - b| over max |a|, for matrices of the same shape. */
    private static double relativeDiff(float[][] a, double[][] b) {
        double[] d = diff(a, b);
        return d[0] / d[1];
    }

    /** {max |a - b|, max |a|} for matrices of the same shape. */
    private static double[] diff(float[][] a, double[][] b) {
        assertEquals(a.length, b.length, "rows");
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i].length, b[i].length, "columns");
            for (int j = 0; j < a[i].length; j++) {
                diff = Math.max(diff, Math.abs(a[i][j] - b[i][j]));
                scale = Math.max(scale, Math.abs(a[i][j]));
            }
        }
        return new double[] {diff, scale};
    }

    private static double relativeDiff(float[][][] a, float[][][] b) {
        assertEquals(a.length, b.length, "layers");
        double worst = 0;
        for (int l = 0; l < a.length; l++) {
            double[][] wide = new double[b[l].length][];
            for (int h = 0; h < wide.length; h++) {
                wide[h] = new double[b[l][h].length];
                for (int j = 0; j < wide[h].length; j++) {
                    wide[h][j] = b[l][h][j];
                }
            }
            worst = Math.max(worst, relativeDiff(a[l], wide));
        }
        return worst;
    }

    private static float[][] rows(float[] flat, int rows, int cols) {
        float[][] m = new float[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return m;
    }

}
