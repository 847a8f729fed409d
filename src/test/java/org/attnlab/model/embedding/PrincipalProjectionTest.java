package org.attnlab.model.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The projection on vectors built along hand-picked orthonormal axes of R⁵, so the answer is known without
 * any eigen-solver: the two axes with most energy span the kept subspace, a row in their span keeps every
 * dot product, a row along the weak third axis goes to zero.
 */
class PrincipalProjectionTest {

    private static final double R2 = Math.sqrt(2);
    private static final double R3 = Math.sqrt(3);
    private static final double[] U1 = {1 / R2, 1 / R2, 0, 0, 0};
    private static final double[] U2 = {1 / R2, -1 / R2, 0, 0, 0};
    private static final double[] U3 = {0, 0, 1 / R3, 1 / R3, 1 / R3};

    private static float[] along(double a, double b, double c) {
        float[] v = new float[5];
        for (int i = 0; i < 5; i++) {
            v[i] = (float) (a * U1[i] + b * U2[i] + c * U3[i]);
        }
        return v;
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (double) x[i] * y[i];
        }
        return s;
    }

    private static float[][] rows() {
        return new float[][] {
            along(10, 0, 0), null, along(-10, 0, 0), along(5, 0, 0),
            along(0, 3, 0), along(0, -2, 0), along(4, 4, 0),
            along(0, 0, 0.1), along(0, 0, -0.1)};
    }

    @Test
    void keepsTheTwoStrongAxesAndDropsTheWeakOne() {
        float[][] rows = rows();
        float[][] reduced = PrincipalProjection.reduce(rows, 2);
        assertNull(reduced[1], "a row without a vector stays without one");
        for (int a = 0; a < rows.length; a++) {
            if (rows[a] == null) {
                continue;
            }
            assertEquals(2, reduced[a].length);
            for (int b = 0; b < rows.length; b++) {
                if (rows[b] != null && a < 7 && b < 7) {
                    // both rows lie in span(u1, u2): their dot product survives the projection
                    assertEquals(dot(rows[a], rows[b]), dot(reduced[a], reduced[b]), 1e-4, "rows " + a + ", " + b);
                }
            }
        }
        for (int w = 7; w < 9; w++) {
            assertEquals(0, dot(reduced[w], reduced[w]), 1e-10, "row " + w + " lies along the weak axis");
        }
        // squared lengths: 100 + 100 + 25 + 9 + 4 + 32 kept of that plus 0.02
        assertEquals(270.0 / 270.02, PrincipalProjection.energyKept(rows, reduced), 1e-6);
    }

    @Test
    void coordinatesComeInDecreasingOrderOfEnergy() {
        float[][] reduced = PrincipalProjection.reduce(rows(), 3);
        double[] energy = new double[3];
        for (float[] r : reduced) {
            for (int k = 0; r != null && k < 3; k++) {
                energy[k] += (double) r[k] * r[k];
            }
        }
        assertTrue(energy[0] > energy[1] && energy[1] > energy[2], java.util.Arrays.toString(energy));
        assertEquals(0.02, energy[2], 1e-5, "the third coordinate is the weak axis alone");
    }

    @Test
    void keepsEveryDotProductWhenTheRankFits() {
        float[][] rows = rows();
        float[][] reduced = PrincipalProjection.reduce(rows, 3);
        for (int a = 0; a < rows.length; a++) {
            for (int b = 0; b < rows.length; b++) {
                if (rows[a] != null && rows[b] != null) {
                    assertEquals(dot(rows[a], rows[b]), dot(reduced[a], reduced[b]), 1e-4);
                }
            }
        }
    }

    @Test
    void rowsOfTheAskedWidthAreLeftAlone() {
        float[][] rows = rows();
        assertSame(rows, PrincipalProjection.reduce(rows, 5));
    }

    @Test
    void refusesTooFewDimensionsAndMixedWidths() {
        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class,
                () -> PrincipalProjection.reduce(rows(), 6));
        assertEquals("word vectors have 5 dimensions, fewer than the 6 asked for", narrow.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PrincipalProjection.reduce(new float[][] {{1, 2}, {1, 2, 3}}, 1));
        assertThrows(IllegalArgumentException.class, () -> PrincipalProjection.reduce(new float[][] {null}, 1));
    }
}
