package org.attnlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The permutation figure's max-attention bins fit the range the model's attention actually spans. */
class PermutationReportTest {

    @Test
    void rnnAttentionGetsQuarterBinsOverTheUnitInterval() {
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1.0}, PermutationReport.edges(0.97), 1e-12);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1.0}, PermutationReport.edges(1.0), 1e-12);
    }

    @Test
    void headMeanAttentionGetsNarrowerBins() {
        assertArrayEquals(new double[] {0, 0.1, 0.2, 0.3, 0.4}, PermutationReport.edges(0.2486), 1e-12);
        assertArrayEquals(new double[] {0, 0.05, 0.1, 0.15, 0.2}, PermutationReport.edges(0.12), 1e-12);
    }
}
