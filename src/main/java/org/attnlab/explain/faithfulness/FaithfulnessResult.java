package org.attnlab.explain.faithfulness;

/**
 * ERASER's deletion scores of one measure's ranking on one instance (DeYoung et al. 2020). For each fraction k,
 * the top {@code tokens[k]} real tokens by the measure's score are removed (comprehensiveness) or kept alone with
 * the special tokens (sufficiency):
 * <pre>
 *   comprehensiveness_k = p(y|x) - p(y|x without top-k)      higher: the ranking found what the model needs
 *   sufficiency_k       = p(y|x) - p(y|top-k only)           lower: the top-k alone keep the prediction
 * </pre>
 * with y the class predicted for the full input. The AOPCs are their means over the fractions, as ERASER's
 * released scorer averages them.
 *
 * @param measure                the measure's id
 * @param deletion               how tokens were taken out
 * @param predicted              y, the class predicted for the full input
 * @param probability            p(y|x)
 * @param fractions              the fractions k of real tokens, ascending
 * @param tokens                 per fraction, how many real tokens form the top-k
 * @param comprehensiveness      per fraction
 * @param sufficiency            per fraction
 * @param aopcComprehensiveness  mean of comprehensiveness
 * @param aopcSufficiency        mean of sufficiency
 */
public record FaithfulnessResult(String measure, TokenDeletion deletion, int predicted, double probability,
                                 double[] fractions, int[] tokens, double[] comprehensiveness, double[] sufficiency,
                                 double aopcComprehensiveness, double aopcSufficiency) {

    public FaithfulnessResult {
        fractions = fractions.clone();
        tokens = tokens.clone();
        comprehensiveness = comprehensiveness.clone();
        sufficiency = sufficiency.clone();
        int k = fractions.length;
        if (tokens.length != k || comprehensiveness.length != k || sufficiency.length != k) {
            throw new IllegalArgumentException("one entry per fraction: fractions=" + k + " tokens=" + tokens.length
                    + " comprehensiveness=" + comprehensiveness.length + " sufficiency=" + sufficiency.length);
        }
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public double[] comprehensiveness() {
        return comprehensiveness.clone();
    }

    @Override
    public double[] sufficiency() {
        return sufficiency.clone();
    }
}
