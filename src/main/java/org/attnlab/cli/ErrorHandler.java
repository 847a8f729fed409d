package org.attnlab.cli;

import org.attnlab.model.ModelException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the exceptions that mean "bad input" into one line on stderr and a non-zero exit code;
 * anything else is a bug and keeps its stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    /** Exit code for bad input: a file, field or argument that is not what was expected. */
    static final int BAD_INPUT = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        if (ex instanceof IllegalArgumentException || ex instanceof ModelException
                || ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException
                || ex instanceof org.attnlab.experiment.RunLock.BusyException
                || ex instanceof org.attnlab.model.NotApplicableException) {
            cmd.getErr().println("attnlab: error: " + ex.getMessage());
            return BAD_INPUT;
        }
        cmd.getErr().println("attnlab: internal error (please report): " + ex);
        ex.printStackTrace(cmd.getErr());
        return 70;
    }
}
