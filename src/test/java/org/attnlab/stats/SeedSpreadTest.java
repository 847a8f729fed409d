package org.attnlab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mean over seeds and spread between the seeds' means, against hand-computed values. */
class SeedSpreadTest {

    @Test
    void meanAndSpreadOfTheSeedsMeans() {
        // seed means .40, .46, .43: mean .43; sample std sqrt(((-.03)^2 + .03^2 + 0) / 2) = .03
        Summary a = Summary.of(new double[] {0.35, 0.45});
        Summary b = Summary.of(new double[] {0.40, 0.52});
        Summary c = Summary.of(new double[] {0.43, 0.43, Double.NaN});
        SeedSpread s = SeedSpread.of(List.of(a, b, c));
        assertEquals(3, s.seeds());
        assertEquals(0.43, s.meanOfMeans(), 1e-12);
        assertEquals(0.03, s.spreadOfMeans(), 1e-12);
        assertEquals((Math.sqrt(0.005) + Math.sqrt(0.0072) + 0) / 3, s.meanInstanceStd(), 1e-12);
        assertTrue(Double.isNaN(SeedSpread.of(List.of(a)).spreadOfMeans()), "one seed has no spread");
        assertThrows(IllegalArgumentException.class, () -> SeedSpread.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> SeedSpread.of(List.of(Summary.of(new double[] {Double.NaN}))));
    }
}
