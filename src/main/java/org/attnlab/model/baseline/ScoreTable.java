package org.attnlab.model.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.attnlab.model.training.ClassificationScores;
import org.attnlab.io.Json;

/**
 * A Jain &amp; Wallace-style "dataset and model" table: one dataset split, its size, and per model the mean
 * input length and the test scores. Rendered as aligned text, a Markdown table or JSON. Immutable.
 *
 * @param dataset dataset name
 * @param split   split scored ({@code test} or {@code dev})
 * @param n       examples in the split
 * @param rows    one per model, in the order given
 */
public record ScoreTable(String dataset, String split, int n, List<Row> rows) {

    /** What {@link Row#meanLength()} counts. */
    public enum LengthUnit {
        /** The model's own tokens, special tokens included, after cutting to the row's max length. */
        TOKENS,
        /** Words and punctuation as the bag-of-words tokenizer splits them, uncut. */
        WORDS
    }

    /**
     * One model's line.
     *
     * @param model      name shown
     * @param source     where the model came from (directory, or a description of the baseline)
     * @param maxLength  tokens kept per input, or 0 when inputs are not cut
     * @param meanLength mean input length over the split, in {@code unit}
     * @param unit       what the length counts
     * @param scores     scores on the split
     */
    public record Row(String model, String source, int maxLength, double meanLength, LengthUnit unit,
                      ClassificationScores scores) {
        public Row {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(scores, "scores");
        }
    }

    private static final String[] HEADER = {"model", "max len", "mean len", "accuracy", "macro-F1", "AUC"};
    private static final String FOOTNOTE = "mean len: tokens of each model's own tokenizer (specials included, "
            + "cut to max len); \"w\": words and punctuation, uncut (bag-of-words baseline)";

    public ScoreTable {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(split, "split");
        rows = List.copyOf(rows);
    }

    /** Aligned columns under a one-line caption, then the footnote on what the lengths count. */
    public String text() {
        List<String[]> cells = cells();
        int[] width = new int[HEADER.length];
        for (String[] r : cells) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder(caption()).append('\n');
        for (String[] r : cells) {
            for (int c = 0; c < r.length; c++) {
                // Model names left-aligned, numbers right-aligned so that their decimals line up.
                String fmt = c == 0 ? "%-" + width[c] + "s" : "  %" + width[c] + "s";
                sb.append(String.format(Locale.ROOT, fmt, r[c]));
            }
            sb.append('\n');
        }
        return sb.append(FOOTNOTE).append('\n').toString();
    }

    /** A GitHub-flavoured Markdown table with the caption above it and the footnote below. */
    public String markdown() {
        List<String[]> cells = cells();
        StringBuilder sb = new StringBuilder("**").append(caption()).append("**\n\n");
        sb.append(mdRow(cells.get(0))).append("|---|").append("---:|".repeat(HEADER.length - 1)).append('\n');
        for (String[] r : cells.subList(1, cells.size())) {
            sb.append(mdRow(r));
        }
        return sb.append('\n').append(FOOTNOTE).append(".\n").toString();
    }

    /** The table as one JSON object; lengths and scores unrounded. */
    public String json() {
        ObjectMapper mapper = Json.PLAIN;
        ObjectNode root = mapper.createObjectNode();
        root.put("dataset", dataset);
        root.put("split", split);
        root.put("n", n);
        var array = root.putArray("models");
        for (Row r : rows) {
            ObjectNode o = array.addObject();
            o.put("model", r.model());
            o.put("source", r.source());
            if (r.maxLength() > 0) {
                o.put("max_length", r.maxLength());
            } else {
                o.putNull("max_length");
            }
            o.put("mean_length", r.meanLength());
            o.put("length_unit", r.unit().name().toLowerCase(Locale.ROOT));
            o.put("n", r.scores().n());
            o.put("accuracy", r.scores().accuracy());
            o.put("macro_f1", r.scores().macroF1());
            o.put("auc_roc", r.scores().aucRoc());
            r.scores().f1ByLabel().forEach(o.putObject("f1_by_label")::put);
        }
        return root.toString();
    }

    private String caption() {
        return String.format(Locale.ROOT, "dataset %s, %s split, n = %d", dataset, split, n);
    }

    /** Header then one string row per model (4 decimals for scores, 1 for lengths). */
    private List<String[]> cells() {
        List<String[]> out = new ArrayList<>();
        out.add(HEADER);
        for (Row r : rows) {
            out.add(new String[] {
                    r.model(),
                    r.maxLength() > 0 ? Integer.toString(r.maxLength()) : "-",
                    String.format(Locale.ROOT, "%.1f%s", r.meanLength(), r.unit() == LengthUnit.WORDS ? " w" : ""),
                    String.format(Locale.ROOT, "%.4f", r.scores().accuracy()),
                    String.format(Locale.ROOT, "%.4f", r.scores().macroF1()),
                    String.format(Locale.ROOT, "%.4f", r.scores().aucRoc())});
        }
        return out;
    }

    private static String mdRow(String[] r) {
        StringBuilder sb = new StringBuilder("|");
        for (String c : r) {
            // A '|' inside a model name would split the cell.
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        return sb.append('\n').toString();
    }
}
