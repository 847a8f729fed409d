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
        JsonNode config;
        try {
            config = Json.PLAIN.readTree(d.config().toFile());
        } catch (IOException e) {
            throw new ModelException(d.config() + ": missing or not JSON (" + e.getMessage() + ")", e);
        }
        List<String> labels = new ArrayList<>();
        if (config.path("labels").isArray()) {
            config.path("labels").forEach(l -> labels.add(l.asText()));
            return labels;
        }
        JsonNode id2label = config.path("id2label");
        for (int i = 0; i < id2label.size(); i++) {
            JsonNode l = id2label.get(Integer.toString(i));
            if (l == null) {
                throw new ModelException(d.config() + ": id2label lacks id " + i);
            }
            labels.add(l.asText());
        }
        return labels;
    }

    public static ClassifierModel load(Path dir) {
        HfModelDirectory d = new HfModelDirectory(dir);
        String type;
        try {
            JsonNode config = Json.PLAIN.readTree(d.config().toFile());
            type = config == null ? "" : config.path("model_type").asText("bert");
        } catch (IOException e) {
            throw new ModelException(d.config() + ": missing or not JSON (" + e.getMessage() + ")", e);
        }
        if (Architecture.ofModelType(type).isPresent()) {
            return DjlBertModel.load(dir);
        }
        if (type.equals(RnnAttentionConfig.MODEL_TYPE)) {
            return DjlRnnAttentionModel.load(dir);
        }
        throw new ModelException(d.config() + ": model_type \"" + type + "\" is not supported; attnlab loads "
                + Architecture.supported() + " and " + RnnAttentionConfig.MODEL_TYPE + " models");
    }
}
