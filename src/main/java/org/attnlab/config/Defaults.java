package org.attnlab.config;

import java.nio.file.Path;

/**
 * The one place defaults come from. {@code attnlab.home} (set by the {@code ./attnlab} launcher to
 * the checkout) anchors every relative location; without it the current directory is used.
 */
public final class Defaults {

    private Defaults() {
    }

    public static Path home() {
        return Path.of(System.getProperty("attnlab.home", ".")).toAbsolutePath().normalize();
    }

    /** Imported and trained model directories. */
    public static Path modelsDir() {
        return home().resolve("models");
    }

    /** Run output of suites and benchmarks. */
    public static Path resultsDir() {
        return home().resolve("results");
    }
}
