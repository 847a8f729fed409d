package org.attnlab.model.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.HfModelDirectory;

/**
 * Writes a small BERT classifier with seeded random weights as an HF directory, with the real MiniLM
 * WordPiece tokenizer (from the pretrained jar on the classpath) so real sentences tokenize.
 */
public final class RandomBertDirectory {

    static final int VOCAB = 30522;

    private RandomBertDirectory() {
    }

    public static BertConfig smallConfig(List<String> labels, BertConfig.Pooling pooling) {
        return new BertConfig(VOCAB, 16, 2, 4, 32, 64, 2, 1e-12, "gelu", labels, pooling);
    }

    public static Path write(Path dir, BertConfig config, long seed) throws IOException {
        Files.createDirectories(dir);
        HfModelDirectory d = new HfModelDirectory(dir);
        config.write(d.config());
        Random random = new Random(seed);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             OutputStream out = Files.newOutputStream(d.weights())) {
            NDList list = new NDList();
            for (Map.Entry<String, Shape> e : BertWeights.expectedShapes(config).entrySet()) {
                String name = config.isClassifier() ? "bert." + e.getKey() : e.getKey();
                if (e.getKey().startsWith("classifier")) {
                    name = e.getKey();
                }
                boolean gain = e.getKey().endsWith("LayerNorm.weight");
                float[] v = new float[(int) e.getValue().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((gain ? 1.0 : 0.0) + 0.5 * random.nextGaussian());
                }
                NDArray a = m.create(v, e.getValue());
                a.setName(name);
                list.add(a);
            }
            list.encode(out, NDList.Encoding.SAFETENSORS);
        }
        try (InputStream in = RandomBertDirectory.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, d.tokenizer());
        }
        return dir;
    }
}
