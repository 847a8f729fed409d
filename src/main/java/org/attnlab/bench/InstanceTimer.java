package org.attnlab.bench;

import org.attnlab.model.ModelBenchmark;
import org.attnlab.model.ModelBenchmark.Timing;
import org.attnlab.model.djl.DjlBertModel;

/** Wall and process-CPU time of per-instance benchmark work, and runs with a transformer's shortcuts off. */
final class InstanceTimer {

    private InstanceTimer() {
    }

    static void withShortcuts(DjlBertModel bert, boolean on, Runnable run) {
        try {
            bert.useShortcuts(on);
            run.run();
        } finally {
            bert.useShortcuts(true);
        }
    }

    /** Wall and process CPU ms of {@code run}. */
    static double[] timed(Runnable run) {
        double cpu = ModelBenchmark.processCpuMillis();
        long start = System.nanoTime();
        run.run();
        return new double[] {(System.nanoTime() - start) / 1e6, ModelBenchmark.processCpuMillis() - cpu};
    }

    static void add(double[] total, double[] one) {
        total[0] += one[0];
        total[1] += one[1];
    }

    /** Per-instance means of accumulated wall and CPU totals. */
    static Timing timing(String name, int length, int n, double[] total) {
        double wall = total[0] / n;
        return new Timing(name, 1, length, n, wall, wall, 1000 / wall, total[1] / n);
    }
}
