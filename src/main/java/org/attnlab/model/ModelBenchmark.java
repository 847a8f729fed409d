package org.attnlab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.attnlab.data.TokenizedText;

/**
 * Wall-clock measurements of a {@link ClassifierModel}: forward latency by batch size and sequence
 * length, and N attention-edited forwards as one batched call against N separate calls. Every ratio
 * is measured in one run on one machine; absolute numbers are only meaningful beside it.
 */
public final class ModelBenchmark {

    /**
     * One measured case: median and mean wall time of {@code repeats} calls after {@code warmup}, and the mean
     * CPU time of the whole process per call (all threads; on a machine shared with other jobs it moves less
     * than wall time does, and with one compute thread it is the work done).
     */
    public record Timing(String name, int batch, int sequenceLength, int repeats, double medianMillis,
                         double meanMillis, double itemsPerSecond, double cpuMillis) {
    }

    /** CPU time used by this process so far, all threads, in ms. */
    public static double processCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    private final ClassifierModel model;
    private final int warmup;
    private final int repeats;

    public ModelBenchmark(ClassifierModel model, int warmup, int repeats) {
        if (warmup < 0 || repeats < 1) {
            throw new IllegalArgumentException("warmup must be >= 0 and repeats >= 1, got " + warmup + ", " + repeats);
        }
        this.model = model;
        this.warmup = warmup;
        this.repeats = repeats;
    }

    /** {@code batch} copies of {@code input} through a plain forward (no attention copied out). */
    public Timing forward(TokenizedText input, int batch) {
        List<TokenizedText> inputs = new ArrayList<>(java.util.Collections.nCopies(batch, input));
        return time("forward", batch, input.length(), batch,
                () -> model.forward(inputs, ForwardOptions.OUTPUT_ONLY));
    }

    /** The {@code editSets} run as one {@link ClassifierModel#forwardEdited} call. */
    public Timing editsBatched(String name, TokenizedText input, List<List<AttentionEdit>> editSets) {
        return time(name + "-batched", editSets.size(), input.length(), editSets.size(),
                () -> model.forwardEdited(input, editSets, ForwardOptions.OUTPUT_ONLY));
    }

    /** The same edit sets as separate calls, one full forward each. */
    public Timing editsOneByOne(String name, TokenizedText input, List<List<AttentionEdit>> editSets) {
        return time(name + "-one-by-one", 1, input.length(), editSets.size(), () -> {
            for (List<AttentionEdit> set : editSets) {
                model.forwardEdited(input, List.of(set), ForwardOptions.OUTPUT_ONLY);
            }
            return null;
        });
    }

    /** Different inputs (e.g. an input's token deletions) as one batched {@link ClassifierModel#forward} call. */
    public Timing inputsBatched(String name, List<TokenizedText> inputs) {
        return time(name + "-batched", inputs.size(), longest(inputs), inputs.size(),
                () -> model.forward(inputs, ForwardOptions.OUTPUT_ONLY));
    }

    /** The same inputs as separate calls, one forward each. */
    public Timing inputsOneByOne(String name, List<TokenizedText> inputs) {
        return time(name + "-one-by-one", 1, longest(inputs), inputs.size(), () -> {
            for (TokenizedText input : inputs) {
                model.forward(List.of(input), ForwardOptions.OUTPUT_ONLY);
            }
            return null;
        });
    }

    private static int longest(List<TokenizedText> inputs) {
        return inputs.stream().mapToInt(TokenizedText::length).max().orElse(0);
    }

    private Timing time(String name, int batch, int length, int items, Supplier<?> call) {
        for (int i = 0; i < warmup; i++) {
            call.get();
        }
        double[] millis = new double[repeats];
        double cpu = processCpuMillis();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            call.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        double mean = Arrays.stream(millis).average().orElseThrow();
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double median = repeats % 2 == 1 ? sorted[repeats / 2] : (sorted[repeats / 2 - 1] + sorted[repeats / 2]) / 2;
        cpu = (processCpuMillis() - cpu) / repeats;
        return new Timing(name, batch, length, repeats, median, mean, items / (median / 1000.0), cpu);
    }
}
