package org.attnlab.model.djl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
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

    public static ClassifierModel load(Path dir) {
        HfModelDirectory d = new HfModelDirectory(dir);
        String type;
        try {
            JsonNode config = new ObjectMapper().readTree(d.config().toFile());
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
