package org.attnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The console summary after a run: cells keyed by row (a statistic) and column (a model), rendered aligned. */
public final class Headline {

    private final Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    private final Set<String> models = new LinkedHashSet<>();

    public void put(String row, String model, String cell) {
        models.add(model);
        rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(model, cell);
    }

    public List<String> render() {
        int first = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        Map<String, Integer> width = new LinkedHashMap<>();
        for (String m : models) {
            width.put(m, Math.max(m.length(), rows.values().stream().mapToInt(r -> r.getOrDefault(m, "").length()).max().orElse(0)));
        }
        List<String> out = new ArrayList<>();
        out.add(line(first, "", width, m -> m));
        rows.forEach((row, cells) -> out.add(line(first, row, width, m -> cells.getOrDefault(m, "-"))));
        return out;
    }

    private static String line(int first, String label, Map<String, Integer> width, Function<String, String> cell) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-" + Math.max(1, first) + "s", label));
        width.forEach((m, w) -> b.append("  ").append(String.format(Locale.ROOT, "%" + w + "s", cell.apply(m))));
        return b.toString().stripTrailing();
    }
}
