package org.attnlab.explain;

import org.attnlab.explain.attention.EffectiveAttention;
import org.attnlab.explain.attention.EfficientAttention;

/**
 * What to read off a head's attention: the raw probabilities, Brunner et al.'s effective attention
 * (the part not in the left null space of the values), or efficient attention (our LP definition of
 * Naim &amp; Asher's: a vertex distribution with the same head output; docs/efficient-attention.md).
 */
public enum AttentionForm {
    RAW, EFFECTIVE, EFFICIENT;

    /** The form of {@code a} ({@code [rows][keys]}) for values {@code t} ({@code [keys][dim]}). */
    public double[][] of(double[][] a, double[][] t) {
        return switch (this) {
            case RAW -> a;
            case EFFECTIVE -> EffectiveAttention.of(a, t).matrix();
            case EFFICIENT -> EfficientAttention.of(a, t).matrix();
        };
    }

    /** Widened copy of a float matrix, rows {@code from..to-1} (all when {@code from < 0}). */
    static double[][] rows(float[][] m, int row) {
        int from = row < 0 ? 0 : row;
        int to = row < 0 ? m.length : row + 1;
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i - from][j] = m[i][j];
            }
        }
        return out;
    }
}
