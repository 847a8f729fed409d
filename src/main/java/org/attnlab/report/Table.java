package org.attnlab.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A summary table with string cells, rendered as Markdown, CSV (RFC 4180), LaTeX (booktabs) or HTML.
 * Cells are already formatted (Locale.ROOT) so that every format shows the same digits.
 *
 * @param name   file stem (e.g. {@code correlation})
 * @param title  caption
 * @param header column names
 * @param rows   cells, one list per row, each as long as the header
 */
public record Table(String name, String title, List<String> header, List<List<String>> rows) {

    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException(name + ": row " + r + " has " + r.size() + " cells, header " + header.size());
            }
        }
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(mdRow(header)).append('\n');
        sb.append(header.stream().map(h -> "---").collect(Collectors.joining(" | ", "| ", " |"))).append('\n');
        rows.forEach(r -> sb.append(mdRow(r)).append('\n'));
        return sb.toString();
    }

    private static String mdRow(List<String> cells) {
        return cells.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |"));
    }

    public String csv() {
        StringBuilder sb = new StringBuilder();
        sb.append(csvRow(header)).append("\r\n");
        rows.forEach(r -> sb.append(csvRow(r)).append("\r\n"));
        return sb.toString();
    }

    private static String csvRow(List<String> cells) {
        return cells.stream().map(c -> c.matches(".*[\",\r\n].*") ? "\"" + c.replace("\"", "\"\"") + "\"" : c)
                .collect(Collectors.joining(","));
    }

    /** A booktabs table environment (needs the booktabs package). */
    public String latex() {
        StringBuilder sb = new StringBuilder();
        sb.append("\\begin{table}[t]\n\\centering\n\\caption{").append(tex(title)).append("}\n");
        sb.append("\\begin{tabular}{l").append("r".repeat(header.size() - 1)).append("}\n\\toprule\n");
        sb.append(header.stream().map(Table::tex).collect(Collectors.joining(" & "))).append(" \\\\\n\\midrule\n");
        rows.forEach(r -> sb.append(r.stream().map(Table::tex).collect(Collectors.joining(" & "))).append(" \\\\\n"));
        sb.append("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
        return sb.toString();
    }

    /** Escapes LaTeX's special characters and maps the few non-ASCII symbols the tables use. */
    static String tex(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                case '±' -> sb.append("$\\pm$");
                case 'τ' -> sb.append("$\\tau$");
                case '—', '–' -> sb.append("--");
                case '≤' -> sb.append("$\\leq$");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    public String html() {
        StringBuilder sb = new StringBuilder("<table>\n<caption>").append(Html.escape(title)).append("</caption>\n<thead><tr>");
        header.forEach(h -> sb.append("<th>").append(Html.escape(h)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            r.forEach(c -> sb.append("<td>").append(Html.escape(c)).append("</td>"));
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }
}
