package org.attnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads CSV and TSV files with a header row into {@link SourceRecord}s.
 *
 * <p>Quoting follows RFC 4180 (as written by Python's {@code csv} module and pandas) for both
 * separators: a field that starts with {@code "} is quoted, may contain separators and line
 * breaks, and writes a quote as {@code ""}. A quote in the middle of an unquoted field is kept as
 * a literal character. Records end at {@code \n} or {@code \r\n}; blank lines are skipped; a UTF-8
 * byte-order mark is ignored. Errors (unterminated quote, text after a closing quote, a row with
 * a different number of fields than the header, duplicate or empty header names, invalid UTF-8)
 * raise a {@link DatasetFormatException} naming the file and line.
 */
public final class DelimitedReader {

    private final char separator;

    private DelimitedReader(char separator) {
        this.separator = separator;
    }

    /** A reader for comma-separated values. */
    public static DelimitedReader csv() {
        return new DelimitedReader(',');
    }

    /** A reader for tab-separated values. */
    public static DelimitedReader tsv() {
        return new DelimitedReader('\t');
    }

    /**
     * Reads all records.
     *
     * @param in   UTF-8 bytes; not closed
     * @param file name of the file for error messages
     */
    public List<SourceRecord> read(InputStream in, String file) throws IOException {
        Reader reader = new StringReader(Utf8Text.read(in, file));
        Lexer lexer = new Lexer(reader, file);
        List<String> header = null;
        long headerLine = 0;
        List<SourceRecord> out = new ArrayList<>();
        while (true) {
            long start = lexer.line;
            List<String> row = lexer.nextRow();
            if (row == null) {
                break;
            }
            if (row.size() == 1 && row.get(0).isEmpty() && !lexer.lastRowQuoted) {
                continue; // blank line
            }
            if (header == null) {
                header = checkHeader(row, file, start);
                headerLine = start;
                continue;
            }
            if (row.size() != header.size()) {
                throw new DatasetFormatException(file, start, "expected " + header.size()
                        + " fields as in the header (line " + headerLine + "), found " + row.size()
                        + (separator == '\t' ? " (tab-separated)" : " (comma-separated; quote fields that contain commas)"));
            }
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                fields.put(header.get(i), row.get(i));
            }
            out.add(SourceRecord.of(file, start, fields));
        }
        if (header == null) {
            throw new DatasetFormatException(file, 0, "empty file: no header row");
        }
        return out;
    }

    private static List<String> checkHeader(List<String> row, String file, long line) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : row) {
            String name = raw.strip();
            if (name.isEmpty()) {
                throw new DatasetFormatException(file, line, "empty column name in the header");
            }
            if (!seen.add(name)) {
                throw new DatasetFormatException(file, line, "duplicate column name '" + name + "' in the header");
            }
            names.add(name);
        }
        return names;
    }

    /** Character-level state machine over the whole input. */
    private final class Lexer {
        private final Reader in;
        private final String file;
        long line = 1;
        boolean lastRowQuoted;
        private int pushedBack = -2;

        Lexer(Reader in, String file) {
            this.in = in;
            this.file = file;
        }

        private int read() throws IOException {
            if (pushedBack != -2) {
                int c = pushedBack;
                pushedBack = -2;
                return c;
            }
            return in.read();
        }

        /** The next row's fields, or null at end of input. */
        List<String> nextRow() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            lastRowQuoted = false;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean fieldStart = true;
            while (true) {
                if (c == -1) {
                    fields.add(field.toString());
                    return fields;
                }
                if (fieldStart && c == '"') {
                    lastRowQuoted = true;
                    readQuoted(field);
                    c = read();
                    if (c != separator && c != '\n' && c != '\r' && c != -1) {
                        throw new DatasetFormatException(file, line, "unexpected character '" + (char) c
                                + "' after the closing quote of a field (write a quote inside a quoted field as \"\")");
                    }
                    fieldStart = false;
                    continue;
                }
                if (c == separator) {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStart = true;
                    c = read();
                    continue;
                }
                if (c == '\r') {
                    int next = read();
                    if (next == '\n') {
                        c = next;
                    } else {
                        pushedBack = next;
                        field.append('\r');
                        fieldStart = false;
                        c = read();
                        continue;
                    }
                }
                if (c == '\n') {
                    line++;
                    fields.add(field.toString());
                    return fields;
                }
                field.append((char) c);
                fieldStart = false;
                c = read();
            }
        }

        private void readQuoted(StringBuilder field) throws IOException {
            long opened = line;
            while (true) {
                int c = read();
                if (c == -1) {
                    throw new DatasetFormatException(file, opened,
                            "unterminated quoted field (the quote opened on this line is never closed)");
                }
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        field.append('"');
                        continue;
                    }
                    pushedBack = next;
                    return;
                }
                if (c == '\n') {
                    line++;
                }
                field.append((char) c);
            }
        }
    }
}
