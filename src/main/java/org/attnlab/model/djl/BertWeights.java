package org.attnlab.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attnlab.model.ModelException;
import org.attnlab.model.hf.Architecture;
import org.attnlab.model.hf.BertConfig;

/**
 * The tensors of a BERT-family classifier or encoder, read from an HF {@code model.safetensors} and
 * checked against {@code config.json} before any of them is used. Tensors are held under their
 * canonical (BERT) names, see {@link Architecture}.
 *
 * <p>Accepts both layouts Hugging Face writes: the bare encoder (names start at {@code embeddings.})
 * and the task model ({@code bert.embeddings.}, {@code roberta.embeddings.}, ..., plus the head);
 * old-style {@code LayerNorm.gamma/beta} names are read as {@code weight/bias}. Tensors the forward
 * does not read (RoBERTa's {@code position_ids} buffer, pretraining heads) are ignored.
 */
final class BertWeights {

    private final Map<String, NDArray> tensors;

    private BertWeights(Map<String, NDArray> tensors) {
        this.tensors = tensors;
    }

    /** Reads, renames, validates and converts every needed tensor to {@code dtype}, owned by {@code manager}. */
    static BertWeights read(Path file, BertConfig config, NDManager manager, DataType dtype) {
        Map<String, NDArray> byName = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NDList list = NDList.decode(manager, in);
            for (NDArray a : list) {
                byName.put(config.architecture().canonicalName(a.getName()), a);
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelException(file + ": not a readable safetensors file (" + e.getMessage() + ")", e);
        }
        Map<String, NDArray> used = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> want : expectedShapes(config).entrySet()) {
            NDArray a = byName.remove(want.getKey());
            if (a == null) {
                throw new ModelException(file + ": missing tensor "
                        + config.architecture().hfName(want.getKey(), config.isClassifier()) + " (needed by "
                        + (config.isClassifier() ? "a " + config.architecture().classifierClass()
                        : "an " + config.architecture().encoderClass()) + " as described by config.json)");
            }
            if (!a.getShape().equals(want.getValue())) {
                throw new ModelException(file + ": tensor "
                        + config.architecture().hfName(want.getKey(), config.isClassifier()) + " has shape " + a.getShape()
                        + " but config.json implies " + want.getValue());
            }
            used.put(want.getKey(), a.getDataType() == dtype ? a : a.toType(dtype, false));
        }
        byName.values().forEach(NDArray::close);
        return new BertWeights(used);
    }

    boolean has(String name) {
        return tensors.containsKey(name);
    }

    NDArray get(String name) {
        NDArray a = tensors.get(name);
        if (a == null) {
            throw new IllegalStateException("no tensor " + name);
        }
        return a;
    }

    /** Every tensor by canonical name, in load order. */
    Map<String, NDArray> all() {
        return java.util.Collections.unmodifiableMap(tensors);
    }

    /** The canonical name of a BERT tensor. */
    static String canonicalName(String name) {
        return Architecture.BERT.canonicalName(name);
    }

    /** Every tensor the forward pass reads, with the shape {@code config} implies (HF [out, in] layout). */
    static Map<String, Shape> expectedShapes(BertConfig c) {
        long d = c.hiddenSize();
        long e = c.embeddingSize();
        Map<String, Shape> m = new LinkedHashMap<>();
        m.put("embeddings.word_embeddings.weight", new Shape(c.vocabSize(), e));
        m.put("embeddings.position_embeddings.weight", new Shape(c.maxPositions(), e));
        if (c.architecture().hasTokenTypes) {
            m.put("embeddings.token_type_embeddings.weight", new Shape(c.typeVocabSize(), e));
        }
        layerNorm(m, "embeddings.LayerNorm", e);
        if (e != d) {
            dense(m, "embeddings_project", d, e);
        }
        for (int l = 0; l < c.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            dense(m, p + "attention.self.query", d, d);
            dense(m, p + "attention.self.key", d, d);
            dense(m, p + "attention.self.value", d, d);
            dense(m, p + "attention.output.dense", d, d);
            layerNorm(m, p + "attention.output.LayerNorm", d);
            dense(m, p + "intermediate.dense", c.intermediateSize(), d);
            dense(m, p + "output.dense", d, c.intermediateSize());
            layerNorm(m, p + "output.LayerNorm", d);
        }
        if (c.isClassifier()) {
            int classes = c.labels().size();
            switch (c.architecture().head) {
                case BERT_POOLER -> {
                    if (c.pooling() == BertConfig.Pooling.CLS_POOLER) {
                        dense(m, "pooler.dense", d, d);
                    }
                    dense(m, "classifier", classes, d);
                }
                case DENSE_TANH, DENSE_GELU -> {
                    dense(m, "classifier.dense", d, d);
                    dense(m, "classifier.out_proj", classes, d);
                }
                case PRE_CLASSIFIER_RELU -> {
                    dense(m, "pre_classifier", d, d);
                    dense(m, "classifier", classes, d);
                }
            }
        }
        return m;
    }

    private static void dense(Map<String, Shape> m, String prefix, long out, long in) {
        m.put(prefix + ".weight", new Shape(out, in));
        m.put(prefix + ".bias", new Shape(out));
    }

    private static void layerNorm(Map<String, Shape> m, String prefix, long d) {
        m.put(prefix + ".weight", new Shape(d));
        m.put(prefix + ".bias", new Shape(d));
    }
}
