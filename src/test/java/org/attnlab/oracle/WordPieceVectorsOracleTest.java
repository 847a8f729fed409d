package org.attnlab.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.djl.DjlBertModel;
import org.attnlab.model.djl.WordPieceVectors;
import org.attnlab.model.hf.HfModelDirectory;
import org.attnlab.model.hf.onnx.OnnxNode;
import org.attnlab.model.hf.onnx.OnnxReader;
import org.attnlab.model.hf.onnx.OnnxWriter;
import org.attnlab.testing.TestModels;
import org.junit.jupiter.api.Test;

/**
 * The pretrained word vectors of RNN models against ONNX Runtime: the original MiniLM ONNX graph with
 * its word-embedding Gather exposed returns the table rows of a word's pieces, whose mean must be the
 * vector {@link WordPieceVectors} built from the imported safetensors.
 */
class WordPieceVectorsOracleTest {

    @Test
    void aWordsVectorIsTheMeanOfItsPiecesRowsAsOnnxRuntimeGathersThem() throws Exception {
        byte[] onnx;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            onnx = in.readAllBytes();
        }
        String gather = OnnxReader.read(onnx, "minilm").nodes().stream()
                .filter(n -> n.opType().equals("Gather") && n.inputs().contains("embeddings.word_embeddings.weight"))
                .map(OnnxNode::output).findFirst().orElseThrow();
        // One word that is a single piece, two that WordPiece splits, one with a non-letter.
        List<String> words = List.of("film", "unwatchable", "overacting", "isn't");
        float[][] ours = WordPieceVectors.of(new HfModelDirectory(TestModels.minilm()), words);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (ClassifierModel model = DjlBertModel.load(TestModels.minilm());
             OrtSession session = env.createSession(OnnxWriter.withExtraOutputs(onnx, List.of(gather)),
                     new OrtSession.SessionOptions())) {
            int multiPiece = 0;
            for (int w = 0; w < words.size(); w++) {
                TokenizedText t = model.tokenize(words.get(w), false);
                long[] ids = t.ids();
                long[] ones = new long[ids.length];
                Arrays.fill(ones, 1);
                float[][] rows;
                try (OnnxTensor inputIds = OnnxTensor.createTensor(env, new long[][] {ids});
                     OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {ones});
                     OnnxTensor types = OnnxTensor.createTensor(env, new long[][] {new long[ids.length]});
                     OrtSession.Result r = session.run(Map.of("input_ids", inputIds, "attention_mask", mask,
                             "token_type_ids", types))) {
                    rows = ((float[][][]) r.get(gather).orElseThrow().getValue())[0];
                }
                int pieces = 0;
                double[] mean = new double[rows[0].length];
                for (int i = 0; i < rows.length; i++) {
                    if (!t.special()[i]) {
                        pieces++;
                        for (int k = 0; k < mean.length; k++) {
                            mean[k] += rows[i][k];
                        }
                    }
                }
                multiPiece += pieces > 1 ? 1 : 0;
                assertEquals(mean.length, ours[w].length, "dimensions");
                double worst = 0;
                for (int k = 0; k < mean.length; k++) {
                    worst = Math.max(worst, Math.abs(mean[k] / pieces - ours[w][k]));
                }
                assertTrue(worst <= 1e-6, words.get(w) + ": max |diff| " + worst);
            }
            assertTrue(multiPiece >= 2, "the words must exercise the mean over several pieces");
        }
    }
}
