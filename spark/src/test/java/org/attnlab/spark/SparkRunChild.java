package org.attnlab.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.attnlab.experiment.SuitePlan;

/** A Spark run of a suite in its own process (under local[1]), for {@link SparkSuiteTest} to kill. */
final class SparkRunChild {

    private SparkRunChild() {
    }

    public static void main(String[] args) throws Exception {
        SuitePlan.load(Path.of(args[0]), List.of()).prepare(new PrintWriter(System.err, true))
                .run(false, new SparkSuiteEngine("local[1]"));
    }
}
