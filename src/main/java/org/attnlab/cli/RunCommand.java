package org.attnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.attnlab.experiment.PreparedSuite;
import org.attnlab.experiment.SuitePlan;
import org.attnlab.report.ExperimentReports;
import org.attnlab.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code attnlab run SUITE.yaml}: plans the suite (every check before any work), trains the models it names
 * by spec if they are missing, and runs its experiments into {@code results/<suite>/<run-id>/}. The run id
 * is derived from everything that shapes the records, so running the same suite again resumes the same run.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a suite (experiments/*.yaml) into results/<suite>/<run-id>/; resumes an interrupted run.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUITE", description = "Suite YAML file.")
    Path suiteFile;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Run only this model of the suite (repeatable), e.g. to spread one suite over several "
                    + "processes; the run id covers the selected models, so each selection has its own run directory.")
    List<String> only = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        PreparedSuite prepared = SuitePlan.load(suiteFile, only).prepare(console);
        console.println("run directory: " + prepared.runDir());
        console.flush();
        PreparedSuite.SuiteResult result = prepared.run(true);
        ExperimentReports.headline(result.summary()).forEach(console::println);
        Path index = ReportWriter.write(result.runDir());
        console.println("records, summary.json and provenance.json in " + result.runDir());
        console.println("report: " + index);
        return 0;
    }
}
