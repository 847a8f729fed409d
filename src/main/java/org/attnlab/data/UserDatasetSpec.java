package org.attnlab.data;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How to read a user's own dataset file. Immutable.
 *
 * @param path       the file
 * @param format     its format
 * @param textField  the column / JSON field holding the text
 * @param labelField the column / JSON field holding the label (any string; JSON numbers and
 *                   booleans are taken as their JSON text)
 * @param labels     the allowed labels in id order (trimmed); empty to use the labels found,
 *                   sorted. A label not in a non-empty list is an error naming file and line.
 * @param idField    the field holding a unique example id, or {@code null} to use {@code line-NNNNNNN}
 * @param splitField the field saying {@code train}/{@code dev}/{@code test} for each example, or
 *                   {@code null} for a seeded stratified 80/10/10 split
 */
public record UserDatasetSpec(Path path, FileFormat format, String textField, String labelField,
                              List<String> labels, String idField, String splitField) {

    public UserDatasetSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(textField, "textField");
        Objects.requireNonNull(labelField, "labelField");
        labels = labels == null ? List.of() : labels.stream().map(String::strip).toList();
        if (labels.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("empty label in " + labels);
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("duplicate label in " + labels);
        }
        if (textField.equals(labelField)) {
            throw new IllegalArgumentException("text field and label field are both '" + textField + "'");
        }
    }

    /** A spec with inferred labels, generated ids and a seeded split. */
    public static UserDatasetSpec of(Path path, FileFormat format, String textField, String labelField) {
        return new UserDatasetSpec(path, format, textField, labelField, List.of(), null, null);
    }

    /** The dataset's name: the file name without its extension. */
    public String name() {
        String n = path.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
