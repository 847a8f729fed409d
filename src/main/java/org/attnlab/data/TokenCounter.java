package org.attnlab.data;

import java.util.List;

/**
 * Counts the tokens of texts for length statistics. Keeps the data package independent of the
 * model code: {@link WordPieceTokenCounter} is the implementation used by the command line.
 */
public interface TokenCounter {

    /** What is counted, e.g. the tokenizer's name; shown next to the statistics. */
    String description();

    /** The number of tokens of each text, in order. */
    int[] count(List<String> texts);
}
