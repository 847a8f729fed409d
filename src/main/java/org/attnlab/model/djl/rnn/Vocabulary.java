package org.attnlab.model.djl.rnn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attnlab.data.KerasWords;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.ModelException;
import org.attnlab.io.Json;

/**
 * Word-level vocabulary and tokenizer of the RNN attention models.
 *
 * <p>Tokenisation: the text is lowercased ({@link Locale#ROOT}) and split into the matches of
 * {@value #TOKEN_REGEX}: runs of letters and digits, optionally joined by apostrophes
 * ({@code don't}, {@code it's} stay one word), and every other non-space character as a token of its
 * own (punctuation is kept, as spaCy does for Jain &amp; Wallace). A sequence is
 * {@code <s> w1 ... wn </s>}; the two markers are flagged special, so the attention never sees them.
 * Words outside the vocabulary map to {@code <unk>} but keep their own text in
 * {@link TokenizedText#tokens()}.
 *
 * <p>With {@link Words#KERAS} the words are instead {@link KerasWords} (Jain &amp; Wallace's IMDB
 * tokenisation: lowercase, punctuation removed, apostrophes kept, split on spaces); the choice is saved
 * with the vocabulary.
 *
 * <p>Ids: {@code <pad>} 0, {@code <unk>} 1, {@code <s>} 2, {@code </s>} 3, then words by descending
 * training count (or document frequency), ties in code-point order (so the same texts always give the
 * same ids).
 */
public final class Vocabulary {

    /** The regular expression a lowercased text is split with. */
    public static final String TOKEN_REGEX = "[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}\\p{N}]+)*|[^\\s\\p{L}\\p{N}]";
    /** Special entries, in id order. */
    public static final List<String> SPECIALS = List.of("<pad>", "<unk>", "<s>", "</s>");
    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final int START = 2;
    public static final int END = 3;

    private static final Pattern TOKEN = Pattern.compile(TOKEN_REGEX);
    private static final ObjectMapper JSON = Json.PLAIN;

    /** How a text is split into words. */
    public enum Words {
        /** {@link #TOKEN_REGEX}: words and single punctuation characters (the default). */
        REGEX("regex"),
        /** {@link KerasWords}: Jain &amp; Wallace's IMDB tokenisation. */
        KERAS("keras");

        public final String key;

        Words(String key) {
            this.key = key;
        }

        public static Words of(String key) {
            for (Words w : values()) {
                if (w.key.equals(key)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("tokenizer must be regex or keras, got \"" + key + "\"");
        }

        List<String> split(String text) {
            return this == KERAS ? KerasWords.words(text) : regexWords(text);
        }
    }

    private final List<String> tokens;
    private final Map<String, Integer> ids;
    private final Words words;

    private Vocabulary(List<String> tokens, Words words) {
        this.words = words;
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (ids.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate vocabulary entry \"" + tokens.get(i) + "\"");
            }
        }
    }

    /**
     * The words occurring at least {@code minCount} times in {@code texts}, most frequent first, cut so
     * that the vocabulary (specials included) has at most {@code maxSize} entries.
     */
    public static Vocabulary build(Iterable<String> texts, int minCount, int maxSize) {
        return build(texts, minCount, maxSize, Words.REGEX, false);
    }

    /**
     * The words of {@code texts} (split by {@code words}) that occur at least {@code minCount} times, or,
     * when {@code byDocuments}, in at least {@code minCount} texts (scikit-learn's
     * {@code CountVectorizer(min_df=...)}, Jain &amp; Wallace's vocabulary); most frequent first, cut so
     * that the vocabulary (specials included) has at most {@code maxSize} entries.
     */
    public static Vocabulary build(Iterable<String> texts, int minCount, int maxSize, Words words, boolean byDocuments) {
        if (minCount < 1 || maxSize <= SPECIALS.size()) {
            throw new IllegalArgumentException("minCount must be >= 1 and maxSize > " + SPECIALS.size()
                    + ", got " + minCount + ", " + maxSize);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            List<String> found = words.split(text);
            for (String w : byDocuments ? new java.util.LinkedHashSet<>(found) : found) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minCount && !SPECIALS.contains(e.getKey())) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Integer>comparingByValue(Collections.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = new ArrayList<>(SPECIALS);
        for (Map.Entry<String, Integer> e : kept.subList(0, Math.min(kept.size(), maxSize - SPECIALS.size()))) {
            tokens.add(e.getKey());
        }
        return new Vocabulary(tokens, words);
    }

    /** The words of {@code text} as the default ({@link Words#REGEX}) tokenizer splits it (no markers). */
    public static List<String> words(String text) {
        return regexWords(text);
    }

    /** How this vocabulary splits texts into words. */
    public Words tokenizer() {
        return words;
    }

    private static List<String> regexWords(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * {@code <s> w1 ... wn </s>} with ids. Too long a text fails unless {@code truncate}, which keeps
     * the first {@code maxLength - 2} words.
     *
     * @throws IllegalArgumentException for a text without words, or one too long when not truncating
     */
    public TokenizedText encode(String text, int maxLength, boolean truncate) {
        List<String> words = this.words.split(text);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("text has no words: \"" + text + "\"");
        }
        if (words.size() + 2 > maxLength) {
            if (!truncate) {
                throw new IllegalArgumentException("text has " + (words.size() + 2) + " tokens with the markers; the model"
                        + " accepts at most " + maxLength + " (tokenize with truncation to keep the first "
                        + (maxLength - 2) + " words)");
            }
            words = words.subList(0, maxLength - 2);
        }
        List<String> tokens = new ArrayList<>(words.size() + 2);
        long[] idArray = new long[words.size() + 2];
        boolean[] special = new boolean[words.size() + 2];
        tokens.add(SPECIALS.get(START));
        idArray[0] = START;
        special[0] = true;
        for (int i = 0; i < words.size(); i++) {
            tokens.add(words.get(i));
            idArray[i + 1] = id(words.get(i));
        }
        tokens.add(SPECIALS.get(END));
        idArray[idArray.length - 1] = END;
        special[special.length - 1] = true;
        return new TokenizedText(text, tokens, idArray, special);
    }

    /** Id of {@code word}, or {@link #UNK}. */
    public int id(String word) {
        return ids.getOrDefault(word, UNK);
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public int size() {
        return tokens.size();
    }

    /** Equal vocabularies give every text the same token ids: the same entries in the same order, the same words. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && tokens.equals(v.tokens) && words == v.words;
    }

    @Override
    public int hashCode() {
        return tokens.hashCode() * 31 + words.hashCode();
    }

    /** Writes {@code {"tokens": [...]}} in id order. */
    void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode a = root.putArray("tokens");
        tokens.forEach(a::add);
        if (words != Words.REGEX) {
            // Only when not the default: vocabularies saved before the option read back unchanged.
            root.put("tokenizer", words.key);
        }
        JSON.writeValue(file.toFile(), root);
    }

    static Vocabulary read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelException(file + ": not readable as JSON (" + e.getMessage() + ")", e);
        }
        JsonNode a = root == null ? null : root.get("tokens");
        if (a == null || !a.isArray()) {
            throw new ModelException(file + ": expected an object with a \"tokens\" array");
        }
        List<String> tokens = new ArrayList<>(a.size());
        a.forEach(t -> tokens.add(t.asText()));
        if (tokens.size() < SPECIALS.size() || !tokens.subList(0, SPECIALS.size()).equals(SPECIALS)) {
            throw new ModelException(file + ": the first tokens must be " + SPECIALS);
        }
        try {
            return new Vocabulary(tokens, Words.of(root.path("tokenizer").asText(Words.REGEX.key)));
        } catch (IllegalArgumentException e) {
            throw new ModelException(file + ": " + e.getMessage(), e);
        }
    }
}
