package org.attnlab.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The independent oracle: {@code stats/scipy-fixtures.json}, written by
 * {@code scripts/stats/make_fixtures.py} with scipy and numpy. Non-finite numbers are stored as strings.
 */
final class ScipyFixtures {

    private static final JsonNode ROOT = load();

    private ScipyFixtures() {
    }

    /** The cases of one section ("correlations", "divergences", "mcnemar", "summaries"). */
    static List<JsonNode> section(String name) {
        List<JsonNode> cases = new ArrayList<>();
        ROOT.get(name).forEach(cases::add);
        assertTrue(!cases.isEmpty(), "fixture section " + name + " is empty");
        return cases;
    }

    static double number(JsonNode node) {
        return node.isTextual() ? Double.parseDouble(node.asText()) : node.doubleValue();
    }

    static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    /**
     * Asserts that actual agrees with expected: both NaN, equal (this covers infinities and exact zeros),
     * or within {@code max(absolute, relative * |expected|)}.
     */
    static void assertAgrees(double expected, double actual, double relative, double absolute, String what) {
        boolean agrees = Double.isNaN(expected) ? Double.isNaN(actual)
                : expected == actual || Math.abs(actual - expected) <= Math.max(absolute, relative * Math.abs(expected));
        assertTrue(agrees, what + ": expected " + expected + ", got " + actual);
    }

    private static JsonNode load() {
        try (InputStream in = ScipyFixtures.class.getResourceAsStream("/stats/scipy-fixtures.json")) {
            if (in == null) {
                throw new IllegalStateException("stats/scipy-fixtures.json is not on the test class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
