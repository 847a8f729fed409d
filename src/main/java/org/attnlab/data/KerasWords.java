package org.attnlab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras's {@code text_to_word_sequence} with its default settings, the tokenisation of the IMDB data
 * Jain &amp; Wallace (2019) trained on: lowercase; each of the characters {@value #FILTERS} and tab and
 * newline replaced by a space; split on the space character only; empty pieces dropped. Apostrophes
 * stay inside words ({@code don't}), and an HTML break {@code <br />} leaves the word {@code br}.
 * Applying it to its own space-joined output changes nothing. Pure functions.
 */
public final class KerasWords {

    /** Keras's default {@code filters}, without its tab and newline (also replaced). */
    public static final String FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~";

    private KerasWords() {
    }

    /** The words of {@code text}. */
    public static List<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder replaced = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            replaced.append(c == '\t' || c == '\n' || FILTERS.indexOf(c) >= 0 ? ' ' : c);
        }
        List<String> out = new ArrayList<>();
        for (String piece : replaced.toString().split(" ")) {
            if (!piece.isEmpty()) {
                out.add(piece);
            }
        }
        return out;
    }
}
