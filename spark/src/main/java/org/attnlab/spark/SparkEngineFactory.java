package org.attnlab.spark;

import org.attnlab.experiment.SuiteEngine;

/** Registers the Spark engine with the core ({@code ./attnlab run SUITE --spark MASTER}). */
public final class SparkEngineFactory implements SuiteEngine.Factory {

    @Override
    public String name() {
        return "spark";
    }

    /** @param master the Spark master URL; {@code submit} (or blank) for the one spark-submit configured */
    @Override
    public SuiteEngine create(String master) {
        return new SparkSuiteEngine(master == null || master.isBlank() || master.equals("submit") ? null : master);
    }
}
