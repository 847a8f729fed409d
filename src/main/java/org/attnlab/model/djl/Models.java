package org.attnlab.model.djl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.io.Json;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ModelException;
import org.attnlab.model.djl.rnn.DjlRnnAttentionModel;
import org.attnlab.model.djl.rnn.RnnAttentionConfig;
import org.attnlab.model.hf.Architecture;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.HfModelDirectory;

/** Loads any model directory attnlab can run, choosing the implementation from {@code config.json}'s model_type. */
public final class Models {

    private Models() {
    }

    /**
     * The class labels in output order, read from {@code config.json} alone (no weights loaded): {@code labels}
     * of an RNN model, {@code id2label} of a Hugging Face classifier; empty for an encoder without a head.
     */
    public static List<String> labels(Path dir) {
        HfModelDirectory d = new HfModelDirectory(dir);
        JsonNode config = config(d);
        if (config != null && config.path("model_type").asText("bert").equals(RnnAttentionConfig.MODEL_TYPE)) {
            List<String> labels = new ArrayList<>();
            config.path("labels").forEach(l -> labels.add(l.asText()));
            return labels;
        }
        return BertConfig.read(d.config()).labels();
    }

    public static ClassifierModel load(Path dir) {
        HfModelDirectory d = new HfModelDirectory(dir);
        JsonNode config = config(d);
        String type = config == null ? "" : config.path("model_type").asText("bert");
        if (Architecture.ofModelType(type).isPresent()) {
            return DjlBertModel.load(dir);
        }
        if (type.equals(RnnAttentionConfig.MODEL_TYPE)) {
            return DjlRnnAttentionModel.load(dir);
        }
        throw new ModelException(d.config() + ": model_type \"" + type + "\" is not supported; attnlab loads "
                + Architecture.supported() + " and " + RnnAttentionConfig.MODEL_TYPE + " models");
    }

    private static JsonNode config(HfModelDirectory d) {
        try {
            return Json.PLAIN.readTree(d.config().toFile());
        } catch (IOException e) {
            throw new ModelException(d.config() + ": missing or not JSON (" + e.getMessage() + ")", e);
        }
    }
}
