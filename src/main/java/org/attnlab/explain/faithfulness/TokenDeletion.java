package org.attnlab.explain.faithfulness;

/** How a faithfulness test takes tokens out of an input. */
public enum TokenDeletion {

    /** Delete the tokens from the sequence and re-run, as leave-one-out does (any model). */
    REMOVE("remove"),

    /**
     * Keep the sequence, but zero the tokens' attention columns in every layer and head and renormalise (a
     * {@code ZeroKeys} edit per layer), so no position reads them. Self-attention models only. Positions stay where
     * they are, so position embeddings do not shift; under mean pooling the hidden states of masked positions still
     * enter the mean.
     */
    MASK("mask");

    public final String key;

    TokenDeletion(String key) {
        this.key = key;
    }

    /** The deletion named {@code key} ({@code "remove"} or {@code "mask"}). */
    public static TokenDeletion of(String key) {
        for (TokenDeletion d : values()) {
            if (d.key.equals(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("token deletion must be \"remove\" or \"mask\", got \"" + key + "\"");
    }
}
