package org.attnlab.model.djl.rnn;

/**
 * How an RNN model's word embedding table starts. Random N(0, 1) rows by default; or pretrained
 * vectors ({@code vectors[id]} for vocabulary id {@code id}, {@code null} where there is none), either
 * rescaled to the unit variance of the random rows they replace ({@code unitVariance}: the special tokens
 * and words without a vector keep their random row) or as given with zero elsewhere (Jain &amp; Wallace's
 * fastText start). {@code rms}, when set, then multiplies the whole table by one factor so that the word
 * rows that are not zero have entries of that root mean square: the same directions at another scale,
 * which separates what a start's scale does from what its structure does.
 */
public record EmbeddingStart(float[][] vectors, boolean unitVariance, Double rms) {

    public EmbeddingStart {
        if (unitVariance && vectors == null) {
            throw new IllegalArgumentException("a unit-variance start needs vectors");
        }
        if (rms != null && (unitVariance || !(rms > 0) || Double.isInfinite(rms))) {
            throw new IllegalArgumentException("rms must be finite and > 0, and not with a unit-variance start; got " + rms);
        }
    }

    /** Every row but {@code <pad>} drawn from N(0, 1). */
    public static EmbeddingStart random() {
        return new EmbeddingStart(null, false, null);
    }

    /** The vectors rescaled to unit variance; the other rows random. */
    public static EmbeddingStart unitVariance(float[][] vectors) {
        return new EmbeddingStart(vectors, true, null);
    }

    /** attnlab's default start: {@link #unitVariance} of the vectors, or {@link #random} when there are none. */
    public static EmbeddingStart unitVarianceOrRandom(float[][] vectors) {
        return vectors == null ? random() : unitVariance(vectors);
    }

    /** The vectors as given, zero for the rows without one (the special tokens included). */
    public static EmbeddingStart raw(float[][] vectors) {
        return new EmbeddingStart(vectors, false, null);
    }

    /** This start, scaled so the non-zero word rows' entries have root mean square {@code rms}. */
    public EmbeddingStart scaledTo(double rms) {
        return new EmbeddingStart(vectors, unitVariance, rms);
    }
}
