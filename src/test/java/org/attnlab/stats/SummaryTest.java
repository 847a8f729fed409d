package org.attnlab.stats;

import static org.attnlab.stats.ScipyFixtures.assertAgrees;
import static org.attnlab.stats.ScipyFixtures.number;
import static org.attnlab.stats.ScipyFixtures.numbers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void agreesWithNumpy() {
        for (JsonNode c : ScipyFixtures.section("summaries")) {
            String name = c.get("name").asText();
            double[] values = numbers(c.get("values"));
            Summary s = Summary.of(values);
            assertEquals(c.get("count").intValue(), s.count(), name + " count");
            assertEquals(c.get("nanCount").intValue(), s.nanCount(), name + " nanCount");
            assertAgrees(number(c.get("mean")), s.mean(), 1e-14, 1e-16, name + " mean");
            assertAgrees(number(c.get("std")), s.std(), 1e-13, 0, name + " std");
            assertAgrees(number(c.get("median")), s.median(), 1e-15, 0, name + " median");
            assertAgrees(number(c.get("fractionAtMost")), Summary.fractionAtMost(values, c.get("alpha").doubleValue()),
                    0, 0, name + " fraction");
        }
    }

    @Test
    void handComputedCase() {
        Summary s = Summary.of(new double[] {4, Double.NaN, 1, 3, 2});
        assertEquals(new Summary(4, 1, 2.5, Math.sqrt(5.0 / 3), 2.5), s);
        assertEquals(3.0, Summary.of(new double[] {5, 1, 3}).median(), 0);
    }

    @Test
    void fractionCountsBoundaryAndSkipsNaN() {
        assertEquals(2.0 / 3, Summary.fractionAtMost(new double[] {0.01, 0.05, 0.2, Double.NaN}, 0.05), 1e-15);
        assertTrue(Double.isNaN(Summary.fractionAtMost(new double[] {Double.NaN}, 0.05)));
    }

    @Test
    void tooFewValues() {
        Summary one = Summary.of(new double[] {0.3});
        assertEquals(0.3, one.mean(), 0);
        assertTrue(Double.isNaN(one.std()), "std of one value is undefined");
        Summary none = Summary.of(new double[] {Double.NaN});
        assertEquals(0, none.count());
        assertEquals(1, none.nanCount());
        assertTrue(Double.isNaN(none.mean()) && Double.isNaN(none.median()));
    }
}
