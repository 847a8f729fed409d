package org.attnlab.model.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.attnlab.data.TokenizedText;

/**
 * How one epoch's training examples are grouped into batches. Both keep batches of similar lengths (less
 * padding); they differ in how similar, and so in which examples share an optimiser step.
 */
public enum Batching {

    /**
     * attnlab's default: a seeded shuffle, cut into windows of {@value #WINDOW} batches, each window sorted by length
     * and cut into batches; batch order shuffled. A batch mixes lengths within its window's range.
     */
    WINDOWED("windowed") {
        @Override
        List<List<Integer>> runs(List<TokenizedText> inputs, int batchSize, Random random) {
            List<Integer> order = indices(inputs.size());
            Collections.shuffle(order, random);
            List<List<Integer>> windows = new ArrayList<>();
            int window = batchSize * WINDOW;
            for (int from = 0; from < order.size(); from += window) {
                List<Integer> part = new ArrayList<>(order.subList(from, Math.min(order.size(), from + window)));
                part.sort(Comparator.comparingInt((Integer i) -> inputs.get(i).length()).thenComparingInt(i -> i));
                windows.add(part);
            }
            return windows;
        }
    },

    /**
     * Jain &amp; Wallace's trainer: every epoch the whole training set is sorted by its lengths plus up to 10% noise
     * (length x becomes x + an integer drawn uniformly from [floor(-x/10), ceil(x/10)) ), cut into consecutive
     * batches, and the batch order shuffled. A batch holds nearly equal lengths, and nearly the same neighbours
     * every epoch.
     */
    LENGTH_SORTED("length-sorted") {
        @Override
        List<List<Integer>> runs(List<TokenizedText> inputs, int batchSize, Random random) {
            int[] noisy = new int[inputs.size()];
            for (int i = 0; i < noisy.length; i++) {
                int x = inputs.get(i).length();
                int low = (int) Math.floor(-x * NOISE);
                int high = (int) Math.ceil(x * NOISE);
                noisy[i] = x + (high > low ? low + random.nextInt(high - low) : 0);
            }
            List<Integer> order = indices(inputs.size());
            order.sort(Comparator.comparingInt((Integer i) -> noisy[i]).thenComparingInt(i -> i));
            return List.of(order);
        }
    };

    /** Batches per sorted window of {@link #WINDOWED}. */
    static final int WINDOW = 50;
    /** Largest relative change of a length before sorting, in {@link #LENGTH_SORTED}. */
    static final double NOISE = 0.1;

    /** The spec's name for this batching ({@code training.batching}). */
    public final String key;

    Batching(String key) {
        this.key = key;
    }

    /** The batching a spec names. */
    public static Batching of(String key) {
        for (Batching b : values()) {
            if (b.key.equals(key)) {
                return b;
            }
        }
        throw new IllegalArgumentException("batching must be windowed or length-sorted, got \"" + key + "\"");
    }

    /** One epoch's batches: indices into {@code inputs}, each index once, in the order they are trained. */
    public List<int[]> batches(List<TokenizedText> inputs, int batchSize, Random random) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        List<int[]> batches = new ArrayList<>();
        for (List<Integer> run : runs(inputs, batchSize, random)) {
            for (int b = 0; b < run.size(); b += batchSize) {
                batches.add(run.subList(b, Math.min(run.size(), b + batchSize)).stream().mapToInt(Integer::intValue).toArray());
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /**
     * Every index once, in runs that batches are cut from consecutively (a run's last batch may be short, as the
     * data set's last one is).
     */
    abstract List<List<Integer>> runs(List<TokenizedText> inputs, int batchSize, Random random);

    private static List<Integer> indices(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
