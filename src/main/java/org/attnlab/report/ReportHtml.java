package org.attnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The report's {@code index.html}: one self-contained page (inline CSS, no scripts, figures as
 * relative files) with tables, figures, a sample of instances and the run's provenance.
 */
final class ReportHtml {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
            h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:1em 0;font-size:.92em}
            caption{text-align:left;font-weight:600;padding:.3em 0}
            th,td{border-bottom:1px solid #e4e4e4;padding:.3em .7em;text-align:left;vertical-align:top}
            thead th{border-bottom:2px solid #999}
            table:not(.tokens) td:first-child{white-space:nowrap}
            figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #eee}
            figcaption{font-size:.9em;color:#444}
            .note{color:#666;font-size:.9em}.wrong{color:#b00;font-weight:600}
            .links a{margin-right:.6em;font-size:.85em}
            details.instance{margin:.4em 0;padding:.3em .6em;border:1px solid #e4e4e4;border-radius:4px}
            table.tokens th{white-space:nowrap;font-weight:500;color:#555}
            table.tokens span{padding:1px 2px;border-radius:3px;line-height:1.9}
            pre{background:#f6f6f6;padding:.8em;overflow:auto}
            """;

    private final Path runDir;
    private final RunRecords records;
    private final List<Figure> figures;
    private final List<Table> tables;
    private final JsonNode provenance;
    private final int sample;

    ReportHtml(Path runDir, RunRecords records, List<Figure> figures, List<Table> tables, JsonNode provenance, int sample) {
        this.runDir = runDir;
        this.records = records;
        this.figures = figures;
        this.tables = tables;
        this.provenance = provenance;
        this.sample = sample;
    }

    String render() {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // The run's own id, not the directory's name: a copied run directory gives the same report.
        String dirName = runDir.toAbsolutePath().normalize().getFileName().toString();
        String name = provenance == null ? dirName : provenance.path("run_id").asText(dirName);
        sb.append("<title>attnlab report ").append(Html.escape(name)).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>attnlab report — run ").append(Html.escape(name)).append("</h1>\n<p class=\"note\">Models: ")
                .append(Html.escape(String.join(", ", records.models()))).append(". Experiments: ")
                .append(Html.escape(String.join(", ", records.experiments())))
                .append(". Regenerated from the records alone with <code>attnlab report</code>.</p>\n");
        sb.append("<h2>Summary tables</h2>\n");
        for (Table t : tables) {
            sb.append(t.html()).append("<p class=\"links\">");
            for (String ext : List.of("md", "csv", "tex")) {
                sb.append("<a href=\"tables/").append(t.name()).append('.').append(ext).append("\">").append(ext).append("</a>");
            }
            sb.append("</p>\n");
        }
        sb.append("<h2>Figures</h2>\n");
        for (Figure f : figures) {
            sb.append("<figure id=\"").append(f.name()).append("\"><img src=\"figures/").append(f.name())
                    .append(".png\" alt=\"").append(Html.escape(f.caption())).append("\" width=\"").append(f.width())
                    .append("\">\n<figcaption>").append(Html.escape(f.caption())).append(" <span class=\"links\"><a href=\"figures/")
                    .append(f.name()).append(".png\">PNG</a><a href=\"figures/").append(f.name())
                    .append(".svg\">SVG</a><a href=\"figures/").append(f.name())
                    .append(".pdf\">PDF</a></span></figcaption></figure>\n");
        }
        sb.append("<h2>Instances</h2>\n");
        for (String model : records.models()) {
            sb.append("<h3>").append(Html.escape(model)).append("</h3>\n").append(InstanceSample.html(records, model, sample));
        }
        sb.append("<h2>Provenance</h2>\n");
        if (provenance == null) {
            sb.append("<p class=\"note\">No provenance.json in the run directory.</p>\n");
        } else {
            sb.append("<table>\n");
            flatten(sb, "", provenance);
            sb.append("</table>\n");
            if (provenance.hasNonNull("suite_text")) {
                sb.append("<p>Suite:</p><pre>").append(Html.escape(provenance.path("suite_text").asText())).append("</pre>\n");
            }
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    /** One row per leaf, keyed by its dotted path; the suite text is shown as a block instead. */
    private static void flatten(StringBuilder sb, String prefix, JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!(prefix.isEmpty() && e.getKey().equals("suite_text"))) {
                    flatten(sb, prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue());
                }
            }
        } else {
            sb.append("<tr><th>").append(Html.escape(prefix)).append("</th><td>")
                    .append(Html.escape(node.isValueNode() ? node.asText() : node.toString())).append("</td></tr>\n");
        }
    }
}
