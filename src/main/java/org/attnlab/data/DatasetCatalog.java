package org.attnlab.data;

import java.util.List;
import java.util.Optional;

/** The built-in datasets, by name. */
public final class DatasetCatalog {

    /**
     * Seed of every built-in dataset's split. Changing it changes every published split: don't.
     * (2019: the year of Jain &amp; Wallace and Serrano &amp; Smith.)
     */
    public static final long SPLIT_SEED = 2019L;

    private static final List<BuiltinDataset> ALL = List.of(
            new ImdbDataset(),
            new JainWallaceImdbDataset(JainWallaceImdbDataset.LongTrainReviews.DROPPED),
            new JainWallaceImdbDataset(JainWallaceImdbDataset.LongTrainReviews.CUT),
            new UciSentimentDataset("amazon"),
            new UciSentimentDataset("imdb"),
            new UciSentimentDataset("yelp"),
            new ReutersDataset("Corn",
                    "1855af1b69c21491a103ae414a1ffe5103c633aa5ad920abde2115aac9f55322",
                    "e7b3cf0bc83bfa449abeacaef3083e3573f89b4fc2a36111fe59b18ff68e9e33"),
            new ReutersDataset("Grain",
                    "87abc5c45221a5027329912a1ed85d670edf338e696a2a2744893ae71cc2ae1b",
                    "957e519ba6094b5e1f5aaf0ab4c0829052c8c9b5fd3c586834ddbef77f704cea"));

    private DatasetCatalog() {
    }

    /** All built-in datasets in listing order. */
    public static List<BuiltinDataset> all() {
        return ALL;
    }

    /** The names of all built-in datasets. */
    public static List<String> names() {
        return ALL.stream().map(BuiltinDataset::name).toList();
    }

    /** The built-in dataset with this name, if any. */
    public static Optional<BuiltinDataset> find(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /**
     * The built-in dataset with this name.
     *
     * @throws IllegalArgumentException naming the known datasets if there is none
     */
    public static BuiltinDataset get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown dataset '" + name + "'; built-in datasets: " + String.join(", ", names())
                        + " (for your own file use --file)"));
    }
}
