package org.attnlab.data;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One record of a source file (a CSV/TSV row, a JSONL line, an element of a JSON array) as field
 * name to string value, with the line it starts on. Immutable.
 *
 * <p>JSON numbers and booleans become their JSON text ({@code 1}, {@code true}); nested objects and
 * arrays become their JSON text too. A field whose JSON value is {@code null} is in
 * {@link #nullFields()} and not in {@link #fields()}.
 *
 * @param file       the file (or archive member) the record is in, for error messages
 * @param line       1-based line the record starts on
 * @param element    0-based position in a JSON array, or -1 (named in error messages because a
 *                   JSON array file is often a single line)
 * @param fields     field values by name
 * @param nullFields fields present with an explicit JSON {@code null}
 */
public record SourceRecord(String file, long line, int element, Map<String, String> fields,
                           Set<String> nullFields) {

    public SourceRecord {
        Objects.requireNonNull(file, "file");
        fields = Map.copyOf(fields);
        nullFields = Set.copyOf(nullFields);
    }

    /** A record without null fields. */
    public static SourceRecord of(String file, long line, Map<String, String> fields) {
        return new SourceRecord(file, line, -1, fields, Set.of());
    }

    /** The value of a field, empty if absent or null. */
    public Optional<String> get(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** Whether the field is present with an explicit JSON {@code null}. */
    public boolean isNull(String field) {
        return nullFields.contains(field);
    }

    /**
     * The value of a field that must be there.
     *
     * @throws DatasetFormatException naming file and line if the field is absent or null
     */
    public String require(String field) {
        String v = fields.get(field);
        if (v == null) {
            throw error(nullFields.contains(field)
                    ? "field '" + field + "' is null"
                    : "missing field '" + field + "' (fields here: " + new java.util.TreeSet<>(fields.keySet()) + ")");
        }
        return v;
    }

    /** A format error at this record. */
    public DatasetFormatException error(String problem) {
        return new DatasetFormatException(file, line, element >= 0 ? "element " + element + ": " + problem : problem);
    }
}
