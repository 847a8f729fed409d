package org.attnlab.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.djl.DjlBertModel;
import org.attnlab.model.djl.WordPieceVectors;
import org.attnlab.model.hf.HfModelDirectory;
import org.attnlab.model.hf.onnx.OnnxNode;
import org.attnlab.testing.MiniLmOnnx;
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
        String gather = MiniLmOnnx.graph().nodes().stream()
                .filter(n -> n.opType().equals("Gather") && n.inputs().contains("embeddings.word_embeddings.weight"))
                .map(OnnxNode::output).findFirst().orElseThrow();
        // One word that is a single piece, two that WordPiece splits, one with a non-letter.
        List<String> words = List.of("film", "unwatchable", "overacting", "isn't");
        float[][] ours = WordPieceVectors.of(new HfModelDirectory(TestModels.minilm()), words);

        try (ClassifierModel model = DjlBertModel.load(TestModels.minilm());
             MiniLmOnnx ort = MiniLmOnnx.withOutputs(List.of(gather))) {
            int multiPiece = 0;
            for (int w = 0; w < words.size(); w++) {
                TokenizedText t = model.tokenize(words.get(w), false);
                float[][] rows = (float[][]) ort.run(t.ids(), List.of(gather)).get(gather);
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
