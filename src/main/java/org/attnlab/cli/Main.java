package org.attnlab.cli;

import java.io.PrintWriter;
import org.attnlab.model.djl.ComputeDevice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Entry point: {@code attnlab <command> ...}. */
@Command(name = "attnlab", mixinStandardHelpOptions = true, version = "attnlab 0.1.0",
        description = "Does attention explain a transformer's or RNN's prediction? Import models, inspect attention, run suites.",
        subcommands = {CommandLine.HelpCommand.class, InspectCommand.class, BenchCommand.class, HeadCommand.class, ImportCommand.class, DataCommand.class, TrainCommand.class, RunCommand.class, EvalCommand.class, BaselineCommand.class, ReportCommand.class})
public final class Main implements Runnable {

    /** Global: every command that opens a model computes on this device (the launcher passes ATTNLAB_DEVICE here too). */
    @Option(names = "--device", scope = ScopeType.INHERIT, paramLabel = "DEVICE",
            description = "where models compute: cpu (default), gpu, gpu:N or cuda:N (needs a CUDA build of libtorch "
                    + "through PYTORCH_LIBRARY_PATH); also the environment variable ATTNLAB_DEVICE")
    void device(String name) {
        System.setProperty(ComputeDevice.PROPERTY, name);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
