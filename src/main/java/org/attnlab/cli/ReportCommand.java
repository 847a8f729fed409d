package org.attnlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.attnlab.report.FigureWriter;
import org.attnlab.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attnlab report RUN_DIR}: regenerates {@code RUN_DIR/report/} from the run's records alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write RUN_DIR/report/index.html (figures, tables, instances, provenance) from the records; no model needed.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory: results/<suite>/<run-id>/ (with records/).")
    Path runDir;

    @Option(names = "--dpi", description = "PNG resolution at the figures' point size (default: 144, i.e. 2x; 300 for print).")
    Integer dpi;

    @Option(names = "--sample", defaultValue = "20", description = "Instances per model in the browsable sample (default: ${DEFAULT-VALUE}).")
    int sample;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (sample < 0) {
            throw new IllegalArgumentException("--sample must be >= 0: " + sample);
        }
        if (dpi != null && (dpi < 18 || dpi > 1440)) {
            throw new IllegalArgumentException("--dpi must be within [18, 1440]: " + dpi);
        }
        FigureWriter figures = dpi == null ? new FigureWriter() : FigureWriter.atDpi(dpi);
        Path index = new ReportWriter(figures, sample).writeReport(runDir);
        PrintWriter out = spec.commandLine().getOut();
        out.println(index.toAbsolutePath().normalize());
        out.flush();
        return 0;
    }
}
