package org.attnlab.model.djl;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        long[] ids = enc.getIds();
        String[] tokens = enc.getTokens();
        long[] specialMask = enc.getSpecialTokenMask();
        int n = ids.length;
        if (n > maxPositions) {
            if (!truncate) {
                throw new IllegalArgumentException("text has " + n + " tokens but the model accepts at most "
                        + maxPositions + " (truncate to keep the first " + (maxPositions - 1) + " and the final one): \""
                        + abbreviate(text) + "\"");
            }
            // Keep the first maxPositions-1 tokens and the closing special token ([SEP]).
            ids = concat(Arrays.copyOf(ids, maxPositions - 1), ids[n - 1]);
            tokens = Arrays.copyOf(tokens, maxPositions);
            tokens[maxPositions - 1] = enc.getTokens()[n - 1];
            specialMask = concat(Arrays.copyOf(specialMask, maxPositions - 1), specialMask[n - 1]);
            n = maxPositions;
        }
        boolean[] special = new boolean[n];
        List<String> tokenList = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            special[i] = specialMask[i] != 0;
            tokenList.add(tokens[i]);
        }
        return new TokenizedText(text, tokenList, ids, special);
    }

    private static long[] concat(long[] head, long last) {
        long[] out = Arrays.copyOf(head, head.length + 1);
        out[head.length] = last;
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
