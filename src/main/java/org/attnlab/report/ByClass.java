package org.attnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.attnlab.experiment.ResultRecord;

/** Records grouped by predicted class (sorted, so colours match across figures), as the papers plot them. */
final class ByClass {

    private ByClass() {
    }

    /** One value per qualifying record, keyed {@code "predicted <label>"}. */
    static <R> Map<String, double[]> values(List<ResultRecord<R>> records, ToDoubleFunction<R> value) {
        Map<String, List<R>> groups = new TreeMap<>();
        records.stream().filter(ResultRecord::qualifies)
                .forEach(r -> groups.computeIfAbsent("predicted " + r.predicted(), k -> new ArrayList<>()).add(r.result()));
        Map<String, double[]> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, v.stream().mapToDouble(value).toArray()));
        return out;
    }
}
