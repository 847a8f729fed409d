package org.attnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.attnlab.config.ConfigException;
import org.attnlab.experiment.PreparedSuite;
import org.attnlab.experiment.SuiteEngine;
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

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Compute the (model, instance) records as Apache Spark tasks on MASTER (e.g. local[2], "
                    + "spark://host:7077); validation, training, the merge and the report stay here. The records are "
                    + "the same as a local run's. The launcher adds the Spark module (spark/) to the class path.")
    String sparkMaster;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        SuiteEngine engine = null;
        if (sparkMaster != null) {
            engine = SuiteEngine.find("spark", sparkMaster).orElseThrow(() -> new ConfigException("--spark " + sparkMaster
                    + ": the Spark engine is not on the class path (./attnlab adds spark/target/attnlab-spark.jar and its "
                    + "libraries when --spark is given; build it with: mvn -B -f spark/pom.xml package)"));
        }
        PreparedSuite prepared = SuitePlan.load(suiteFile, only).prepare(console);
        console.println("run directory: " + prepared.runDir());
        console.flush();
        PreparedSuite.SuiteResult result = prepared.run(engine == null, engine);
        ExperimentReports.headline(result.summary()).forEach(console::println);
        Path index = ReportWriter.write(result.runDir());
        console.println("records, summary.json and provenance.json in " + result.runDir());
        console.println("report: " + index);
        return 0;
    }
}
