package org.attnlab.stats;

/**
 * Divergences between two discrete distributions given as arrays of probabilities over the same items,
 * in nats (natural logarithms).
 *
 * <p>The inputs are taken as given: they are neither renormalised nor required to sum to 1 (attention
 * or softmax outputs in float32 sum to 1 only to about 1e-6), but they must be finite and
 * non-negative. The bounds stated below hold for inputs that sum to 1.
 *
 * <p>Terms with zero probability follow the limits {@code 0 log 0 = 0} and {@code 0 log(0/q) = 0}.
 * Jain and Wallace's code instead adds 1e-10 inside every logarithm (and clips to [0, 1]); that moves
 * their divergences by at most 3e-10 per item (bounded by {@code a ln(1 + eps/a) <= eps}) and is not
 * reproduced here.
 */
public final class Divergences {

    private Divergences() {
    }

    /**
     * Kullback-Leibler divergence {@code KL(p || q) = sum_i p_i ln(p_i / q_i)}: 0 when p = q,
     * +infinity when some {@code p_i > 0} has {@code q_i = 0}.
     *
     * @throws IllegalArgumentException if the lengths differ or an entry is negative or not finite
     */
    public static double kullbackLeibler(double[] p, double[] q) {
        requireDistributions(p, q);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                sum += p[i] * Math.log(p[i] / q[i]);
            }
        }
        return sum;
    }

    /**
     * Jensen-Shannon divergence {@code 0.5 KL(p || m) + 0.5 KL(q || m)} with {@code m = (p + q) / 2}, as
     * in Jain and Wallace's adversarial-attention experiment and Serrano and Smith's output-change
     * measure: symmetric, finite, 0 for p = q and at most ln 2 (reached by disjoint supports).
     *
     * @throws IllegalArgumentException if the lengths differ or an entry is negative or not finite
     */
    public static double jensenShannon(double[] p, double[] q) {
        requireDistributions(p, q);
        double klP = 0;
        double klQ = 0;
        for (int i = 0; i < p.length; i++) {
            double m = 0.5 * (p[i] + q[i]);
            if (p[i] > 0) {
                klP += p[i] * Math.log(p[i] / m);
            }
            if (q[i] > 0) {
                klQ += q[i] * Math.log(q[i] / m);
            }
        }
        return 0.5 * klP + 0.5 * klQ;
    }

    /**
     * Total variation distance {@code 0.5 sum_i |p_i - q_i|}, in [0, 1]; Jain and Wallace's change in a
     * multiclass output distribution.
     *
     * @throws IllegalArgumentException if the lengths differ or an entry is negative or not finite
     */
    public static double totalVariation(double[] p, double[] q) {
        requireDistributions(p, q);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.abs(p[i] - q[i]);
        }
        return 0.5 * sum;
    }

    private static void requireDistributions(double[] p, double[] q) {
        Inputs.requireSameLength(p, q);
        requireProbabilities(p, "p");
        requireProbabilities(q, "q");
    }

    private static void requireProbabilities(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0) || Double.isInfinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i] + " is not a probability");
            }
        }
    }
}
