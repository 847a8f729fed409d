package org.attnlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Token heatmaps for the first few instances of each model: every measure any experiment recorded
 * for the instance (attention, gradient, LOO, effective/efficient attention, dp/dα …), side by side.
 */
public final class TokenHeatmaps {

    private final int perModel;

    public TokenHeatmaps() {
        this(2);
    }

    /** @param perModel how many instances per model get a heatmap */
    public TokenHeatmaps(int perModel) {
        this.perModel = perModel;
    }

    /** Heatmaps of the first instances of every model. */
    public List<Figure> build(RunRecords r) {
        List<Figure> out = new ArrayList<>();
        for (String model : r.models()) {
            // Prefer the instances with the most measures (those seen by correlation carry gradient and LOO);
            // a stable sort keeps the run's order among equals.
            List<RunRecords.Instance> instances = new ArrayList<>(r.instances(model).stream()
                    .filter(i -> i.qualifies() && !i.measures().isEmpty()).toList());
            instances.sort(Comparator.comparingInt((RunRecords.Instance i) -> -i.measures().size()));
            for (RunRecords.Instance i : instances.subList(0, Math.min(perModel, instances.size()))) {
                TokenHeatmap h = of(model, i);
                out.add(new Figure(Figure.stem("tokens", model, i.record().id()),
                        "Importance of each token by measure for instance " + i.record().id() + ", " + model
                                + " (each row normalised to its largest |score|).", h, h.width(), h.height()));
            }
        }
        return out;
    }

    /** The heatmap of one instance, special tokens left out (no comparison includes them). */
    public static TokenHeatmap of(String model, RunRecords.Instance i) {
        List<String> all = i.tokens();
        List<Integer> real = new ArrayList<>();
        for (int p = 0; p < all.size(); p++) {
            if (!i.special(p)) {
                real.add(p);
            }
        }
        Map<String, double[]> rows = new LinkedHashMap<>();
        i.measures().forEach((name, v) -> rows.put(name, real.stream().mapToDouble(p -> p < v.length ? v[p] : Double.NaN).toArray()));
        String title = String.format(Locale.ROOT, "%s — %s (gold %s, predicted %s)", model, i.record().id(),
                i.record().label(), i.record().predicted());
        return new TokenHeatmap(title, real.stream().map(all::get).toList(), rows);
    }
}
