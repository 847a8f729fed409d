package org.attnlab.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code attnlab data stats} reports: provenance, counts per split and label, and lengths.
 * Immutable; serialises to JSON with Jackson as is.
 *
 * @param name              dataset name
 * @param source            where it was fetched from (or the user file)
 * @param files             the file(s) read
 * @param sha256            checksum of the fetched archive (or user file)
 * @param license           license as stated by the source
 * @param citation          what to cite
 * @param rawCount          entries in the source
 * @param droppedUnlabelled entries dropped for having no label
 * @param duplicatesRemoved entries dropped as duplicates
 * @param total             examples kept (sum over the splits)
 * @param labels            label list in id order
 * @param splits            statistics per split: train, dev, test
 * @param all               statistics of the whole dataset
 * @param preprocessing     preprocessing steps
 * @param splitMethod       how the splits were made
 * @param tokenizer         what the token lengths count
 */
public record DatasetStats(String name, String source, String files, String sha256, String license,
                           String citation, int rawCount, int droppedUnlabelled, int duplicatesRemoved,
                           int total, List<String> labels, Map<String, SplitStats> splits, SplitStats all,
                           List<String> preprocessing, String splitMethod, String tokenizer) {

    public DatasetStats {
        labels = List.copyOf(labels);
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
        preprocessing = List.copyOf(preprocessing);
    }
}
