package org.attnlab.model;

/**
 * The scalar of a classifier's output that a gradient is taken of.
 *
 * @param kind       probability (after softmax) or logit
 * @param classIndex which class
 */
public record OutputTarget(Kind kind, int classIndex) {

    public enum Kind { PROBABILITY, LOGIT }

    public OutputTarget {
        if (classIndex < 0) {
            throw new IllegalArgumentException("classIndex must be >= 0, got " + classIndex);
        }
    }

    public static OutputTarget probability(int classIndex) {
        return new OutputTarget(Kind.PROBABILITY, classIndex);
    }

    public static OutputTarget logit(int classIndex) {
        return new OutputTarget(Kind.LOGIT, classIndex);
    }
}
