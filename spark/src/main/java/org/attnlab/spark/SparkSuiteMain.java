package org.attnlab.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point for {@code spark-submit}: the attnlab command line with {@code --spark submit} added to
 * {@code run}, so the suite's tasks go to the master spark-submit was given, e.g.
 * {@code spark-submit --class org.attnlab.spark.SparkSuiteMain ... attnlab-spark.jar run SUITE.yaml}.
 */
public final class SparkSuiteMain {

    private SparkSuiteMain() {
    }

    public static void main(String[] args) {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        if (!a.isEmpty() && a.get(0).equals("run") && !a.contains("--spark")) {
            a.add("--spark");
            a.add("submit");
        }
        org.attnlab.cli.Main.main(a.toArray(String[]::new));
    }
}
