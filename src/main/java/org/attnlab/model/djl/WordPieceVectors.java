package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ModelException;
import org.attnlab.model.hf.HfModelDirectory;

/**
 * Static word vectors read off a pretrained transformer's input embedding table: a word's vector is the
 * mean of its word pieces' rows of {@code embeddings.word_embeddings.weight}. They give word-level models
 * trained on a few hundred sentences the pretrained lexical knowledge that Jain &amp; Wallace's models got
 * from pretrained word embeddings, without any download (the transformer ships in a Maven jar).
 */
public final class WordPieceVectors {

    static final String TABLE = "embeddings.word_embeddings.weight";

    private WordPieceVectors() {
    }

    /** One row per word, {@code [words.size()][hidden]}. */
    public static float[][] of(HfModelDirectory dir, List<String> words) {
        float[][] table = readTable(dir);
        float[][] out = new float[words.size()][];
        try (HfTokenizer tokenizer = HfTokenizer.load(dir.tokenizer(), 512)) {
            for (int w = 0; w < words.size(); w++) {
                TokenizedText t = tokenizer.tokenize(words.get(w), true);
                float[] mean = new float[table[0].length];
                int pieces = 0;
                for (int i = 0; i < t.length(); i++) {
                    if (!t.special()[i]) {
                        float[] row = table[Math.toIntExact(t.ids()[i])];
                        for (int k = 0; k < mean.length; k++) {
                            mean[k] += row[k];
                        }
                        pieces++;
                    }
                }
                for (int k = 0; k < mean.length && pieces > 0; k++) {
                    mean[k] /= pieces;
                }
                out[w] = mean;
            }
        }
        return out;
    }

    private static float[][] readTable(HfModelDirectory dir) {
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch");
             InputStream in = new BufferedInputStream(Files.newInputStream(dir.weights()))) {
            for (NDArray a : NDList.decode(manager, in)) {
                if (BertWeights.canonicalName(a.getName()).equals(TABLE)) {
                    long[] shape = a.getShape().getShape();
                    float[] flat = a.toType(DataType.FLOAT32, false).toFloatArray();
                    float[][] rows = new float[(int) shape[0]][(int) shape[1]];
                    for (int r = 0; r < rows.length; r++) {
                        System.arraycopy(flat, r * rows[0].length, rows[r], 0, rows[0].length);
                    }
                    return rows;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelException(dir.weights() + ": not a readable safetensors file (" + e.getMessage() + ")", e);
        }
        throw new ModelException(dir.weights() + ": no tensor " + TABLE + " (not a BERT-family model?)");
    }
}
