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
