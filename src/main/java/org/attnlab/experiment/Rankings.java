package org.attnlab.experiment;

import java.util.Arrays;
import java.util.Comparator;

/** Orderings and selections over the real (non-special) token positions of an instance. */
final class Rankings {

    private Rankings() {
    }

    /** Positions in {@code real} sorted by {@code scores}, highest first (ties: earlier position first). */
    static int[] descending(double[] scores, int[] real) {
        return Arrays.stream(real).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Values of {@code scores} at the {@code real} positions. */
    static double[] at(double[] scores, int[] real) {
        double[] out = new double[real.length];
        for (int k = 0; k < real.length; k++) {
            out[k] = scores[real[k]];
        }
        return out;
    }

    /** A permutation of all positions that shuffles the {@code real} ones among themselves and fixes the rest. */
    static int[] shuffleReal(int n, int[] real, java.util.Random random) {
        int[] perm = new int[n];
        for (int j = 0; j < n; j++) {
            perm[j] = j;
        }
        int[] shuffled = real.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[k];
            shuffled[k] = t;
        }
        for (int k = 0; k < real.length; k++) {
            perm[real[k]] = shuffled[k];
        }
        return perm;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
