package org.attnlab.data;

import java.util.regex.Pattern;

/** The text preprocessing steps used by the built-in datasets. Pure functions. */
public final class TextCleaning {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern BREAK_TAG = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern SGML_CONTROL = Pattern.compile("&#[23];");

    private TextCleaning() {
    }

    /** Collapses every run of whitespace (spaces, tabs, newlines) into one space and trims. */
    public static String normalizeWhitespace(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /**
     * Replaces HTML line breaks ({@code <br />}, also {@code <br>} and {@code <br/>}) by a space,
     * then normalises whitespace. Other markup is left alone (IMDB has a handful of {@code <i>}).
     */
    public static String stripBreakTags(String text) {
        return normalizeWhitespace(BREAK_TAG.matcher(text).replaceAll(" "));
    }

    /**
     * Undoes the SGML escaping left in the Reuters-21578 texts: removes the {@code &#2;} and
     * {@code &#3;} control markers (start/end of text), decodes {@code &lt;}, {@code &gt;} and
     * {@code &amp;}, then normalises whitespace.
     */
    public static String decodeReutersSgml(String text) {
        String s = SGML_CONTROL.matcher(text).replaceAll(" ");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return normalizeWhitespace(s);
    }
}
