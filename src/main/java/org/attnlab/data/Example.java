package org.attnlab.data;

import java.util.Objects;

/**
 * One labelled text. Immutable.
 *
 * @param id    identifier, unique within its dataset and stable across runs (for the built-in
 *              datasets it encodes the position in the fetched file, e.g. {@code imdb-00042})
 * @param text  the text after the dataset's preprocessing; never blank
 * @param label the label as a string, one of the dataset's {@link Dataset#labels()}
 */
public record Example(String id, String text, String label) {

    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        if (id.isBlank()) {
            throw new IllegalArgumentException("example id must not be blank");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("example " + id + ": text must not be blank");
        }
    }
}
