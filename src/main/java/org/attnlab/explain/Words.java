package org.attnlab.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attnlab.data.TokenizedText;

/**
 * The words of a tokenised input, the units LIME deletes. Every non-special token starts a word except a
 * WordPiece continuation ({@code ##ing}), which joins the word before it, so "unwatchable" as
 * {@code un ##watch ##able} is one word. Special tokens belong to no word and are never deleted. (Only WordPiece
 * writes {@code ##}: the RNN vocabulary makes each {@code #} a token of its own.) Byte-level BPE (RoBERTa)
 * marks the other way round: a token starting with {@code Ġ} (an encoded space) starts a word and any other
 * token continues the word before it; an input is read that way when one of its tokens starts with {@code Ġ}.
 */
final class Words {

    /** How GPT-2/RoBERTa byte-level BPE writes the space before a word. */
    private static final String BYTE_LEVEL_SPACE = "\u0120";

    private final TokenizedText input;
    private final int[] wordOf;
    private final List<String> texts;

    private Words(TokenizedText input, int[] wordOf, List<String> texts) {
        this.input = input;
        this.wordOf = wordOf;
        this.texts = texts;
    }

    static Words of(TokenizedText input) {
        boolean[] special = input.special();
        int[] wordOf = new int[input.length()];
        List<StringBuilder> texts = new ArrayList<>();
        boolean byteLevel = input.tokens().stream().anyMatch(token -> token.startsWith(BYTE_LEVEL_SPACE));
        for (int t = 0; t < wordOf.length; t++) {
            String token = input.tokens().get(t);
            if (special[t]) {
                wordOf[t] = -1;
            } else if (byteLevel && t > 0 && !special[t - 1] && !token.startsWith(BYTE_LEVEL_SPACE)) {
                wordOf[t] = wordOf[t - 1];
                texts.get(wordOf[t]).append(token);
            } else if (byteLevel) {
                wordOf[t] = texts.size();
                texts.add(new StringBuilder(token.startsWith(BYTE_LEVEL_SPACE) ? token.substring(1) : token));
            } else if (token.startsWith("##") && t > 0 && !special[t - 1]) {
                wordOf[t] = wordOf[t - 1];
                texts.get(wordOf[t]).append(token, 2, token.length());
            } else {
                wordOf[t] = texts.size();
                texts.add(new StringBuilder(token));
            }
        }
        return new Words(input, wordOf, texts.stream().map(StringBuilder::toString).toList());
    }

    int count() {
        return texts.size();
    }

    /** The word token {@code t} belongs to, or -1 for a special token. */
    int wordOf(int t) {
        return wordOf[t];
    }

    /** Word {@code k} as written, its pieces joined. */
    String text(int k) {
        return texts.get(k);
    }

    /** The input with every token of each word {@code k} with {@code !kept[k]} deleted (not masked, as for loo). */
    TokenizedText keeping(boolean[] kept) {
        List<String> tokens = new ArrayList<>();
        long[] ids = input.ids();
        boolean[] special = input.special();
        long[] keptIds = new long[ids.length];
        boolean[] keptSpecial = new boolean[ids.length];
        int n = 0;
        for (int t = 0; t < ids.length; t++) {
            if (wordOf[t] < 0 || kept[wordOf[t]]) {
                tokens.add(input.tokens().get(t));
                keptIds[n] = ids[t];
                keptSpecial[n++] = special[t];
            }
        }
        return new TokenizedText(input.text(), tokens, Arrays.copyOf(keptIds, n), Arrays.copyOf(keptSpecial, n));
    }
}
