package org.attnlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads dense ARFF files (Weka's attribute-relation file format).
 *
 * <p>Supported: {@code %} comments, {@code @relation}, {@code @attribute} with types
 * {@code string}, {@code numeric}/{@code real}/{@code integer}, {@code date} and nominal
 * {@code {a,b,...}}, and {@code @data} rows of comma-separated values, each possibly quoted with
 * {@code '} or {@code "} and using Weka's backslash escapes ({@code \n}, {@code \r}, {@code \t},
 * {@code \'}, {@code \"}, {@code \\}, {@code \%}); {@code ?} is a missing value. Not supported
 * (clear error): sparse rows ({@code {...}}), relational attributes, quoted values spanning lines.
 * Every malformed line raises a {@link DatasetFormatException} with file and line.
 */
public final class ArffReader {

    private ArffReader() {
    }

    /**
     * Reads an ARFF file.
     *
     * @param in   UTF-8 bytes; not closed
     * @param file name of the file for error messages
     */
    public static ArffData read(InputStream in, String file) throws IOException {
        BufferedReader reader = new BufferedReader(new StringReader(Utf8Text.read(in, file)));
        String relation = null;
        List<ArffData.Attribute> attributes = new ArrayList<>();
        List<ArffData.Row> rows = new ArrayList<>();
        boolean inData = false;
        long lineNo = 0;
        while (true) {
            String line = reader.readLine();
            if (line == null) {
                break;
            }
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("%")) {
                continue;
            }
            if (inData) {
                rows.add(new ArffData.Row(lineNo, parseRow(trimmed, attributes, file, lineNo)));
                continue;
            }
            String lower = trimmed.toLowerCase(Locale.ROOT);
            if (lower.startsWith("@relation")) {
                Cursor c = new Cursor(trimmed, "@relation".length(), file, lineNo);
                c.skipBlanks();
                relation = c.atEnd() ? "" : c.token(" \t");
            } else if (lower.startsWith("@attribute")) {
                attributes.add(parseAttribute(trimmed, file, lineNo));
            } else if (lower.startsWith("@data")) {
                if (attributes.isEmpty()) {
                    throw new DatasetFormatException(file, lineNo, "@data before any @attribute");
                }
                inData = true;
            } else {
                throw new DatasetFormatException(file, lineNo, "expected @relation, @attribute or @data in the header, found '"
                        + abbreviate(trimmed) + "'");
            }
        }
        if (!inData) {
            throw new DatasetFormatException(file, lineNo, "no @data section");
        }
        return new ArffData(file, relation == null ? "" : relation, attributes, rows);
    }

    private static ArffData.Attribute parseAttribute(String line, String file, long lineNo) {
        Cursor c = new Cursor(line, "@attribute".length(), file, lineNo);
        c.skipBlanks();
        if (c.atEnd()) {
            throw new DatasetFormatException(file, lineNo, "@attribute without a name");
        }
        String name = c.token(" \t{");
        c.skipBlanks();
        if (c.atEnd()) {
            throw new DatasetFormatException(file, lineNo, "@attribute " + name + " without a type");
        }
        if (c.peek() == '{') {
            c.pos++;
            List<String> values = new ArrayList<>();
            while (true) {
                c.skipBlanks();
                if (c.atEnd()) {
                    throw new DatasetFormatException(file, lineNo, "unterminated nominal value list (missing '}')");
                }
                if (c.peek() == '}') {
                    c.pos++;
                    break;
                }
                values.add(c.token(",} \t"));
                c.skipBlanks();
                if (!c.atEnd() && c.peek() == ',') {
                    c.pos++;
                }
            }
            if (values.isEmpty()) {
                throw new DatasetFormatException(file, lineNo, "nominal attribute " + name + " has no values");
            }
            return new ArffData.Attribute(name, ArffData.Type.NOMINAL, values);
        }
        String type = c.token(" \t").toLowerCase(Locale.ROOT);
        return switch (type) {
            case "string" -> new ArffData.Attribute(name, ArffData.Type.STRING, List.of());
            case "numeric", "real", "integer" -> new ArffData.Attribute(name, ArffData.Type.NUMERIC, List.of());
            case "date" -> new ArffData.Attribute(name, ArffData.Type.DATE, List.of());
            default -> throw new DatasetFormatException(file, lineNo, "unsupported attribute type '" + type
                    + "' for " + name + " (supported: string, numeric, real, integer, date, {nominal})");
        };
    }

    private static List<String> parseRow(String line, List<ArffData.Attribute> attributes, String file, long lineNo) {
        if (line.startsWith("{")) {
            throw new DatasetFormatException(file, lineNo, "sparse ARFF rows ({index value, ...}) are not supported");
        }
        Cursor c = new Cursor(line, 0, file, lineNo);
        List<String> values = new ArrayList<>();
        while (true) {
            c.skipBlanks();
            if (c.atEnd()) {
                throw new DatasetFormatException(file, lineNo, "missing value after ',' (column " + (values.size() + 1) + ")");
            }
            boolean quoted = c.peek() == '\'' || c.peek() == '"';
            String v = c.token(",");
            values.add(!quoted && v.equals("?") ? null : v);
            c.skipBlanks();
            if (c.atEnd()) {
                break;
            }
            if (c.peek() != ',') {
                throw new DatasetFormatException(file, lineNo, "expected ',' after value " + values.size()
                        + ", found '" + c.peek() + "'");
            }
            c.pos++;
        }
        if (values.size() != attributes.size()) {
            throw new DatasetFormatException(file, lineNo, "expected " + attributes.size() + " values (one per @attribute), found "
                    + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            ArffData.Attribute a = attributes.get(i);
            String v = values.get(i);
            if (v != null && a.type() == ArffData.Type.NOMINAL && !a.nominal().contains(v)) {
                throw new DatasetFormatException(file, lineNo, "value '" + abbreviate(v) + "' of " + a.name()
                        + " is not one of the declared values " + a.nominal());
            }
            if (v != null && a.type() == ArffData.Type.NUMERIC) {
                try {
                    Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new DatasetFormatException(file, lineNo, "value '" + abbreviate(v) + "' of numeric attribute "
                            + a.name() + " is not a number");
                }
            }
        }
        return values;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** Position in one line, with ARFF token rules. */
    private static final class Cursor {
        final String s;
        int pos;
        final String file;
        final long lineNo;

        Cursor(String s, int pos, String file, long lineNo) {
            this.s = s;
            this.pos = pos;
            this.file = file;
            this.lineNo = lineNo;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void skipBlanks() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        /** A quoted token (unescaped) or an unquoted one ending before any of {@code stops} (trimmed). */
        String token(String stops) {
            char q = peek();
            if (q == '\'' || q == '"') {
                int opened = pos;
                pos++;
                StringBuilder sb = new StringBuilder();
                while (true) {
                    if (atEnd()) {
                        throw new DatasetFormatException(file, lineNo, "unterminated quoted value (opened at column "
                                + (opened + 1) + "; values cannot span lines, write line breaks as \\n)");
                    }
                    char ch = s.charAt(pos++);
                    if (ch == q) {
                        return sb.toString();
                    }
                    if (ch == '\\' && !atEnd()) {
                        char e = s.charAt(pos++);
                        switch (e) {
                            case 'n' -> sb.append('\n');
                            case 'r' -> sb.append('\r');
                            case 't' -> sb.append('\t');
                            default -> sb.append(e); // \' \" \\ \% and anything else: the character itself
                        }
                    } else {
                        sb.append(ch);
                    }
                }
            }
            int start = pos;
            while (pos < s.length() && stops.indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos).strip();
        }
    }
}
