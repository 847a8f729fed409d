package org.attnlab.data;

import java.nio.file.Path;
import java.util.Locale;

/** Formats of user dataset files. */
public enum FileFormat {
    /** Comma-separated values with a header row (RFC 4180 quoting). */
    CSV,
    /** Tab-separated values with a header row (same quoting rules as CSV). */
    TSV,
    /** JSON Lines: one JSON object per line. */
    JSONL;

    /** Parses {@code csv}, {@code tsv} or {@code jsonl} (any case). */
    public static FileFormat parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "tsv" -> TSV;
            case "jsonl", "ndjson" -> JSONL;
            default -> throw new IllegalArgumentException("unknown file format '" + s + "' (expected csv, tsv or jsonl)");
        };
    }

    /**
     * Guesses the format from the file name: {@code .csv}, {@code .tsv}/{@code .tab},
     * {@code .jsonl}/{@code .ndjson}.
     *
     * @throws IllegalArgumentException if the extension says nothing
     */
    public static FileFormat fromFileName(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return CSV;
        }
        if (n.endsWith(".tsv") || n.endsWith(".tab")) {
            return TSV;
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return JSONL;
        }
        throw new IllegalArgumentException("cannot tell the format of " + path
                + " from its name: give it explicitly (csv, tsv or jsonl)");
    }
}
