package org.attnlab.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statistics of one split (or of the whole dataset). Immutable.
 *
 * @param count     number of examples
 * @param labels    examples per label, in label-id order
 * @param tokens    length in tokens (see {@link DatasetStats#tokenizer()})
 * @param words     length in whitespace-separated words
 * @param idsSha256 SHA-256 of the example ids joined by newlines in split order: equal values mean
 *                  the same examples in the same order
 */
public record SplitStats(int count, Map<String, Integer> labels, LengthSummary tokens, LengthSummary words,
                         String idsSha256) {

    public SplitStats {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
}
