package org.attnlab.data;

/**
 * A data file that is not what it should be: a malformed line, a missing field, an unknown label,
 * an empty text. The message always starts with {@code file:line:} (or {@code file:} when no line
 * applies) so that the user can go straight to the culprit.
 *
 * <p>Extends {@link IllegalArgumentException} so that the command line reports it as bad input
 * (one line, exit code 2).
 */
public final class DatasetFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    /**
     * @param file    the file (or archive member) as the user would recognise it
     * @param line    1-based line number, or 0 if not applicable
     * @param problem what is wrong, without the location
     */
    public DatasetFormatException(String file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file (or archive member) the problem is in. */
    public String file() {
        return file;
    }

    /** 1-based line number of the problem, 0 if not applicable. */
    public long line() {
        return line;
    }
}
