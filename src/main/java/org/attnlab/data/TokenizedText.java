package org.attnlab.data;

import java.util.Arrays;
import java.util.List;

/**
 * A text as a model sees it: its tokens (including special tokens such as [CLS]/[SEP]), their
 * vocabulary ids, and which of them are special. Immutable.
 *
 * <p>Special tokens stay in the sequence because the model attends to them; analyses drop them
 * through {@link #special()} (Jain &amp; Wallace exclude start/end tokens from every comparison).
 */
public record TokenizedText(String text, List<String> tokens, long[] ids, boolean[] special) {

    public TokenizedText {
        tokens = List.copyOf(tokens);
        ids = ids.clone();
        special = special.clone();
        if (ids.length != tokens.size() || special.length != tokens.size()) {
            throw new IllegalArgumentException("tokens=" + tokens.size() + " ids=" + ids.length
                    + " special=" + special.length + ": all three must have one entry per token");
        }
    }

    /** Number of tokens, special ones included. */
    public int length() {
        return ids.length;
    }

    /**
     * This text cut to at most {@code maxLength} tokens: the first {@code maxLength - 1} and the last
     * one (which, for tokenizers that add them, is the closing special token).
     */
    public TokenizedText truncated(int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be >= 2, got " + maxLength);
        }
        int n = length();
        if (n <= maxLength) {
            return this;
        }
        List<String> t = new java.util.ArrayList<>(tokens.subList(0, maxLength - 1));
        t.add(tokens.get(n - 1));
        long[] i = Arrays.copyOf(ids, maxLength);
        i[maxLength - 1] = ids[n - 1];
        boolean[] s = Arrays.copyOf(special, maxLength);
        s[maxLength - 1] = special[n - 1];
        return new TokenizedText(text, t, i, s);
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    @Override
    public boolean[] special() {
        return special.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenizedText t && text.equals(t.text) && tokens.equals(t.tokens)
                && Arrays.equals(ids, t.ids) && Arrays.equals(special, t.special);
    }

    @Override
    public int hashCode() {
        return 31 * text.hashCode() + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "TokenizedText" + tokens;
    }
}
