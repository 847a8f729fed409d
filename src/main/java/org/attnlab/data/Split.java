package org.attnlab.data;

import java.util.Locale;

/** The three parts of a dataset. */
public enum Split {
    TRAIN, DEV, TEST;

    /** Lower-case name as used in files and command lines: {@code train}, {@code dev}, {@code test}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code train}, {@code dev} (also {@code validation}, {@code valid}, {@code val}) or
     * {@code test}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Split parse(String s) {
        String k = s.strip().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "train" -> TRAIN;
            case "dev", "validation", "valid", "val" -> DEV;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException(
                    "unknown split '" + s + "' (expected train, dev or test)");
        };
    }
}
