package org.attnlab.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Computes {@link DatasetStats} for a dataset with a given {@link TokenCounter}. */
public final class DatasetStatsCalculator {

    private final TokenCounter tokens;

    public DatasetStatsCalculator(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /** Counts, label distribution and lengths for each split and for the whole dataset. */
    public DatasetStats compute(Dataset d) {
        Map<String, SplitStats> splits = new LinkedHashMap<>();
        int[] allCounts = new int[d.size()];
        int offset = 0;
        for (Split s : Split.values()) { // same order as Dataset.all()
            List<Example> part = d.split(s);
            int[] counts = tokens.count(part.stream().map(Example::text).toList());
            System.arraycopy(counts, 0, allCounts, offset, counts.length);
            offset += counts.length;
            splits.put(s.key(), stats(part, d.labels(), counts));
        }
        Provenance p = d.provenance();
        return new DatasetStats(d.name(), p.source(), p.files(), p.sha256(), p.license(), p.citation(),
                p.rawCount(), p.droppedUnlabelled(), p.duplicatesRemoved(), d.size(), d.labels(), splits,
                stats(d.all(), d.labels(), allCounts), p.preprocessing(), p.splitMethod(), tokens.description());
    }

    private static SplitStats stats(List<Example> examples, List<String> labels, int[] tokenCounts) {
        Map<String, Integer> perLabel = new LinkedHashMap<>();
        for (String l : labels) {
            perLabel.put(l, 0);
        }
        for (Example e : examples) {
            perLabel.merge(e.label(), 1, Integer::sum);
        }
        int[] words = examples.stream().mapToInt(e -> words(e.text())).toArray();
        String ids = examples.stream().map(Example::id).collect(Collectors.joining("\n"));
        return new SplitStats(examples.size(), perLabel, LengthSummary.of(tokenCounts),
                LengthSummary.of(words), Checksums.sha256(ids));
    }

    /** Number of whitespace-separated words. */
    static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
