package org.attnlab.data;

import java.util.Arrays;

/**
 * Summary of text lengths. Immutable.
 *
 * @param mean   arithmetic mean
 * @param median median (mean of the two middle values for an even count)
 * @param p90    90th percentile by nearest rank
 * @param max    largest value
 */
public record LengthSummary(double mean, double median, int p90, int max) {

    /** Summarises lengths; all zeros for none. */
    public static LengthSummary of(int[] lengths) {
        if (lengths.length == 0) {
            return new LengthSummary(0, 0, 0, 0);
        }
        int[] s = lengths.clone();
        Arrays.sort(s);
        long sum = 0;
        for (int v : s) {
            sum += v;
        }
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
        int p90 = s[Math.max(0, (int) Math.ceil(0.9 * n) - 1)];
        return new LengthSummary(Math.round(100.0 * sum / n) / 100.0, median, p90, s[n - 1]);
    }
}
