package org.attnlab.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTML for a browsable sample of instances: for each, one line of tokens per measure, each token's
 * background opacity = |score| / the line's largest |score| (blue positive, orange negative), and the
 * exact score as a tooltip. Special tokens are left out, as in every comparison.
 */
final class InstanceSample {

    private InstanceSample() {
    }

    /** A {@code <details>} block per instance, at most {@code limit} for the model. */
    static String html(RunRecords records, String model, int limit) {
        StringBuilder sb = new StringBuilder();
        List<RunRecords.Instance> instances = records.instances(model);
        int shown = Math.min(limit, instances.size());
        sb.append("<p class=\"note\">").append(shown).append(" of ").append(instances.size())
                .append(" instances; hover a token for its score.</p>\n");
        for (RunRecords.Instance i : instances.subList(0, shown)) {
            sb.append(instance(i));
        }
        return sb.toString();
    }

    private static String instance(RunRecords.Instance i) {
        var r = i.record();
        double top = 0;
        for (double p : r.probabilities()) {
            top = Math.max(top, p);
        }
        String gold = r.label();
        String predicted = r.predicted();
        StringBuilder sb = new StringBuilder("<details class=\"instance\"><summary>");
        sb.append("<b>").append(Html.escape(r.id())).append("</b> gold ").append(Html.escape(gold))
                .append(", predicted ").append(Html.escape(predicted))
                .append(String.format(Locale.ROOT, " (p=%.3f)", top));
        if (!gold.equals(predicted)) {
            sb.append(" <span class=\"wrong\">misclassified</span>");
        }
        if (!i.qualifies()) {
            sb.append(" <span class=\"note\">not analysed</span>");
        }
        sb.append("</summary>\n<table class=\"tokens\">\n");
        List<String> tokens = i.tokens();
        for (Map.Entry<String, double[]> m : i.measures().entrySet()) {
            double[] v = m.getValue();
            double max = 0;
            for (int p = 0; p < v.length; p++) {
                if (!i.special(p) && Double.isFinite(v[p])) {
                    max = Math.max(max, Math.abs(v[p]));
                }
            }
            sb.append("<tr><th>").append(Html.escape(m.getKey())).append("</th><td>");
            for (int p = 0; p < tokens.size(); p++) {
                if (i.special(p)) {
                    continue;
                }
                double s = p < v.length ? v[p] : Double.NaN;
                double a = Double.isFinite(s) && max > 0 ? Math.abs(s) / max : 0;
                String rgb = s < 0 ? "213,94,0" : "0,114,178";
                sb.append(String.format(Locale.ROOT, "<span style=\"background:rgba(%s,%.2f)\" title=\"%.4g\">", rgb, a, s))
                        .append(Html.escape(tokens.get(p))).append("</span> ");
            }
            sb.append("</td></tr>\n");
        }
        return sb.append("</table></details>\n").toString();
    }
}
