package org.attnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attnlab.data.Dataset;
import org.attnlab.data.DatasetCatalog;
import org.attnlab.data.DatasetFetcher;
import org.attnlab.data.DatasetStats;
import org.attnlab.data.DatasetStatsCalculator;
import org.attnlab.data.FileFormat;
import org.attnlab.data.LengthSummary;
import org.attnlab.data.SplitStats;
import org.attnlab.data.UserDatasetLoader;
import org.attnlab.data.UserDatasetSpec;
import org.attnlab.data.WordPieceTokenCounter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code attnlab data stats NAME} or {@code attnlab data stats --file PATH ...}: counts per split
 * and label, token and word lengths, source, license, checksum. Fetches a built-in dataset first
 * if needed.
 */
@Command(name = "stats",
        description = "Counts per split and label, mean/median length in WordPiece tokens and words, source, license and "
                + "checksum of a built-in dataset (fetched first if needed) or of your own CSV/TSV/JSONL file (--file).")
public final class DataStatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "a built-in dataset (see 'data list')")
    String name;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "output format: text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--file", paramLabel = "PATH", description = "your own dataset file instead of a built-in one")
    Path file;

    @Option(names = "--file-format", paramLabel = "csv|tsv|jsonl",
            description = "format of --file (default: from its extension: .csv, .tsv, .jsonl)")
    String fileFormat;

    @Option(names = "--text-field", defaultValue = "text", paramLabel = "FIELD", description = "column/field with the text (default: ${DEFAULT-VALUE})")
    String textField;

    @Option(names = "--label-field", defaultValue = "label", paramLabel = "FIELD", description = "column/field with the label (default: ${DEFAULT-VALUE})")
    String labelField;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL",
            description = "allowed labels in id order (default: the labels found, sorted); any other label is an error")
    List<String> labels;

    @Option(names = "--id-field", paramLabel = "FIELD", description = "column/field with a unique example id (default: the line number)")
    String idField;

    @Option(names = "--split-field", paramLabel = "FIELD", description = "column/field saying train/dev/test (default: seeded stratified 80/10/10)")
    String splitField;

    @Override
    public Integer call() throws IOException {
        boolean json = DataCommand.isJson(spec, format);
        if ((name == null) == (file == null)) {
            throw new ParameterException(spec.commandLine(), "give either a dataset NAME or --file PATH");
        }
        if (file == null && (fileFormat != null || labels != null || idField != null || splitField != null)) {
            throw new ParameterException(spec.commandLine(), "--file-format, --labels, --id-field and --split-field go with --file");
        }
        Dataset dataset;
        if (name != null) {
            dataset = DataCommand.load(DatasetCatalog.get(name), new DatasetFetcher(DatasetFetcher.defaultCacheDir()),
                    spec.commandLine().getErr());
        } else {
            FileFormat ff = fileFormat == null ? FileFormat.fromFileName(file) : FileFormat.parse(fileFormat);
            dataset = UserDatasetLoader.load(new UserDatasetSpec(file, ff, textField, labelField, labels, idField, splitField));
        }
        DatasetStats stats;
        try (WordPieceTokenCounter tokens = WordPieceTokenCounter.fromClasspath()) {
            stats = new DatasetStatsCalculator(tokens).compute(dataset);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(DataCommand.JSON.writeValueAsString(stats));
        } else {
            printText(stats, out);
        }
        out.flush();
        return 0;
    }

    private static void printText(DatasetStats s, PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %,d examples (%,d entries in the source", s.name(), s.total(), s.rawCount());
        if (s.droppedUnlabelled() > 0) {
            out.printf(Locale.ROOT, ", %,d without label dropped", s.droppedUnlabelled());
        }
        if (s.duplicatesRemoved() > 0) {
            out.printf(Locale.ROOT, ", %,d duplicates removed", s.duplicatesRemoved());
        }
        out.println(")");
        out.println("source:    " + s.source() + " (" + s.files() + ")");
        out.println("sha256:    " + s.sha256());
        out.println("license:   " + s.license());
        out.println("citation:  " + s.citation());
        out.println("labels:    " + String.join(", ", s.labels()) + "  (ids 0.." + (s.labels().size() - 1) + ")");
        out.println("split:     " + s.splitMethod());
        out.println("lengths:   " + s.tokenizer() + "; words = whitespace-separated");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-6s %8s", "", "count"));
        for (String l : s.labels()) {
            head.append(String.format(Locale.ROOT, " %10s", abbreviate(l, 10)));
        }
        head.append("   tokens mean / median / p90 / max    words mean / median");
        out.println(head);
        for (Map.Entry<String, SplitStats> e : s.splits().entrySet()) {
            row(out, e.getKey(), e.getValue(), s.labels());
        }
        row(out, "all", s.all(), s.labels());
        out.println("preprocessing:");
        for (String step : s.preprocessing()) {
            out.println("  - " + step);
        }
    }

    private static void row(PrintWriter out, String name, SplitStats st, List<String> labels) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-6s %,8d", name, st.count()));
        for (String l : labels) {
            sb.append(String.format(Locale.ROOT, " %,10d", st.labels().get(l)));
        }
        LengthSummary t = st.tokens();
        LengthSummary w = st.words();
        sb.append(String.format(Locale.ROOT, "   %8.1f / %6.1f / %5d / %5d    %7.1f / %6.1f", t.mean(), t.median(), t.p90(),
                t.max(), w.mean(), w.median()));
        out.println(sb);
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
