package org.attnlab.data;

import java.util.List;

import java.io.IOException;

/**
 * A dataset the project knows how to fetch and build; see {@link DatasetCatalog} for the list and
 * {@code datasets/<name>.md} for each one's documentation.
 */
public interface BuiltinDataset {

    /** The name used on the command line, e.g. {@code imdb}. */
    String name();

    /** One line for listings. */
    String description();

    /** The fetched file and its checksum. */
    SourceArchive archive();

    /** The file(s) read inside the archive. */
    String files();

    /** The license(s) as stated by the package and the original data. */
    String license();

    /** What to cite. */
    String citation();

    /** The labels in id order, known without fetching (a suite checks its models against them first). */
    List<String> labels();

    /** Number of labelled examples after preprocessing (the sum of the split sizes). */
    int expectedSize();

    /**
     * Fetches the archive if needed (see {@link DatasetFetcher}) and builds the dataset.
     *
     * @throws IOException if fetching or reading fails
     */
    Dataset load(DatasetFetcher fetcher) throws IOException;
}
