package org.attnlab.model.djl;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ModelException;

/**
 * A model directory's {@code tokenizer.json}, run by the Hugging Face tokenizers library. Padding and
 * truncation are always off here: attnlab pads batches itself and truncates only when asked.
 */
final class HfTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final int maxPositions;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, int maxPositions) {
        this.tokenizer = tokenizer;
        this.maxPositions = maxPositions;
    }

    static HfTokenizer load(Path file, int maxPositions) {
        try {
            return new HfTokenizer(HuggingFaceTokenizer.newInstance(file, Map.of(
                    "padding", "false", "truncation", "false", "addSpecialTokens", "true",
                    "modelMaxLength", Integer.toString(maxPositions))), maxPositions);
        } catch (IOException | RuntimeException e) {
            throw new ModelException(file + ": not a usable tokenizer.json (" + e.getMessage() + ")", e);
        }
    }

    TokenizedText tokenize(String text, boolean truncate) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty text: there is nothing to tokenize");
        }
        Encoding enc = tokenizer.encode(text);
        long[] specialMask = enc.getSpecialTokenMask();
        boolean[] special = new boolean[specialMask.length];
        for (int i = 0; i < special.length; i++) {
            special[i] = specialMask[i] != 0;
        }
        TokenizedText all = new TokenizedText(text, Arrays.asList(enc.getTokens()), enc.getIds(), special);
        if (all.length() > maxPositions && !truncate) {
            throw new IllegalArgumentException("text has " + all.length() + " tokens but the model accepts at most "
                    + maxPositions + " (truncate to keep the first " + (maxPositions - 1) + " and the final one): \""
                    + abbreviate(text) + "\"");
        }
        return all.truncated(maxPositions);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
