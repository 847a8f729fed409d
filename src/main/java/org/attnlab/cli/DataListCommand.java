package org.attnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attnlab.data.BuiltinDataset;
import org.attnlab.data.DatasetCatalog;
import org.attnlab.data.DatasetFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnlab data list}: the built-in datasets with source, license and cache state. */
@Command(name = "list",
        description = "List the built-in datasets: name, size, source, license, and whether the source file is cached and verified.")
public final class DataListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() throws IOException {
        boolean json = DataCommand.isJson(spec, format);
        DatasetFetcher fetcher = new DatasetFetcher(DatasetFetcher.defaultCacheDir());
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BuiltinDataset d : DatasetCatalog.all()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", d.name());
            row.put("description", d.description());
            row.put("examples", d.expectedSize());
            row.put("source", d.archive().describe());
            row.put("files", d.files());
            row.put("archive", d.archive().fileName());
            row.put("sha256", d.archive().sha256());
            row.put("license", d.license());
            row.put("citation", d.citation());
            row.put("cache", fetcher.status(d.archive()).name().toLowerCase(Locale.ROOT));
            rows.add(row);
        }
        if (json) {
            out.println(DataCommand.JSON.writeValueAsString(Map.of("cacheDir", fetcher.cacheDir().toString(), "datasets", rows)));
        } else {
            out.printf(Locale.ROOT, "%-17s %8s  %-28s %-9s %s%n", "NAME", "EXAMPLES", "SOURCE", "CACHE", "DESCRIPTION");
            for (Map<String, Object> r : rows) {
                out.printf(Locale.ROOT, "%-17s %,8d  %-28s %-9s %s%n", r.get("name"), (Integer) r.get("examples"),
                        r.get("source"), r.get("cache"), r.get("description"));
                out.printf(Locale.ROOT, "%-17s license: %s%n", "", r.get("license"));
            }
            out.println("cache: " + fetcher.cacheDir() + "  (missing = fetched on first use; corrupt = delete the file to fetch again)");
        }
        out.flush();
        return 0;
    }
}
