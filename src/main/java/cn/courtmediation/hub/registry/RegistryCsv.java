package cn.courtmediation.hub.registry;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** The registry's CSV form (RFC 4180, UTF-8, CRLF): the columns, writing entries, reading records with their line numbers. */
// No CSV library is on the classpath and the format is small: a careful state machine rather than a new dependency.
final class RegistryCsv {
    static final List<String> COLUMNS = List.of("code", "kind", "name", "region", "parent_code", "channel", "endpoint",
            "status", "court_level", "callback_url", "policy_days", "max_extension_days");
    static final String HEADER = String.join(",", COLUMNS);
    static final String EOL = "\r\n";

    private RegistryCsv() {
    }

    static void writeHeader(Appendable out) throws IOException {
        out.append(HEADER).append(EOL);
    }

    /** One entry as one record; null values are empty fields. */
    static void write(Participant p, Appendable out) throws IOException {
        field(out, p.code()).append(',');
        field(out, p.kind().name()).append(',');
        field(out, p.name()).append(',');
        field(out, p.region()).append(',');
        field(out, p.parentCode()).append(',');
        field(out, p.channel().name()).append(',');
        field(out, p.endpoint()).append(',');
        field(out, p.status().name()).append(',');
        field(out, p.courtLevel() == null ? null : p.courtLevel().name()).append(',');
        field(out, p.callbackUrl()).append(',');
        field(out, p.policyDays() == null ? null : p.policyDays().toString()).append(',');
        field(out, p.maxExtensionDays() == null ? null : p.maxExtensionDays().toString()).append(EOL);
    }

    /**
     * Quotes a value when it holds a comma, quote or line break, and also when it starts or ends with
     * white space: the reader trims unquoted fields (spreadsheets pad them), so only quoting keeps such a value.
     */
    static Appendable field(Appendable out, String value) throws IOException {
        if (value == null || value.isEmpty()) {
            return out;
        }
        boolean quote = Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1));
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            return out.append(value);
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        return out.append('"');
    }

    /**
     * One record: its fields (unquoted ones trimmed, quoted ones verbatim), the line it starts on, and what is
     * wrong with its syntax, if anything (then the fields are what could be read).
     */
    record Record(int line, List<String> fields, String problem) {
    }

    /** Reads records one at a time from a character stream; a record may span lines inside quotes. */
    static final class RecordReader {
        private final Reader in;
        private final int maxRecordChars;
        private int line = 1;
        private int pushedBack = -2;
        private boolean started;

        /** @param maxRecordChars longer records are reported, not kept (a stray quote must not swallow the heap) */
        RecordReader(Reader in, int maxRecordChars) {
            this.in = in;
            this.maxRecordChars = maxRecordChars;
        }

        /** The next record, or null at the end; blank lines are skipped. */
        Record next() throws IOException {
            while (true) {
                int c = read();
                if (c == -1) {
                    return null;
                }
                if (c == '\r' || c == '\n') {
                    endOfLine(c);
                    continue;
                }
                unread(c);
                return record();
            }
        }

        private Record record() throws IOException {
            int startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            String problem = null;
            int chars = 0;
            boolean quoted = false;     // the current field started with a quote
            boolean inQuotes = false;   // inside the quotes of a quoted field
            boolean closed = false;     // the closing quote of a quoted field was read
            while (true) {
                int c = read();
                if (c == -1) {
                    if (inQuotes) {
                        problem = first(problem, "a quoted field is not closed before the end of the file");
                    }
                    fields.add(end(field, quoted));
                    return new Record(startLine, fields, problem);
                }
                if (inQuotes) {
                    if (c == '"') {
                        int n = read();
                        if (n == '"') {
                            chars = append(field, '"', chars);
                            continue;
                        }
                        unread(n);
                        inQuotes = false;
                        closed = true;
                        continue;
                    }
                    // line breaks inside quotes are data, kept as written; they still count as lines
                    if (c == '\n' || c == '\r') {
                        line++;
                        chars = append(field, (char) c, chars);
                        if (c == '\r') {
                            int n = read();
                            if (n == '\n') {
                                chars = append(field, '\n', chars);
                            } else {
                                unread(n);
                            }
                        }
                        continue;
                    }
                    chars = append(field, (char) c, chars);
                } else if (c == ',') {
                    fields.add(end(field, quoted));
                    field.setLength(0);
                    quoted = false;
                    closed = false;
                } else if (c == '\r' || c == '\n') {
                    endOfLine(c);
                    fields.add(end(field, quoted));
                    return new Record(startLine, fields, problem);
                } else if (c == '"' && !closed && field.toString().isBlank()) {
                    // a quoted field may follow spaces a spreadsheet padded it with
                    field.setLength(0);
                    quoted = true;
                    inQuotes = true;
                } else if (closed) {
                    if (!Character.isWhitespace(c)) {
                        problem = first(problem, "text after the closing quote of field " + (fields.size() + 1));
                    }
                } else {
                    if (c == '"') {
                        problem = first(problem, "a quote inside unquoted field " + (fields.size() + 1) + " (quote the field and double the quote)");
                    }
                    chars = append(field, (char) c, chars);
                }
                if (chars > maxRecordChars) {
                    problem = first(problem, "record longer than " + maxRecordChars + " characters (is a quote missing?)");
                }
            }
        }

        private int append(StringBuilder field, char c, int chars) {
            if (chars < maxRecordChars) {
                field.append(c);
            }
            return chars + 1;
        }

        private static String end(StringBuilder field, boolean quoted) {
            return quoted ? field.toString() : field.toString().strip();
        }

        private static String first(String problem, String candidate) {
            return problem != null ? problem : candidate;
        }

        /** CRLF, LF and a lone CR each end one line. */
        private void endOfLine(int c) throws IOException {
            line++;
            if (c == '\r') {
                int n = read();
                if (n != '\n') {
                    unread(n);
                }
            }
        }

        private int read() throws IOException {
            int c;
            if (pushedBack != -2) {
                c = pushedBack;
                pushedBack = -2;
            } else {
                c = in.read();
            }
            if (!started) {
                started = true;
                if (c == '\uFEFF') {
                    // a byte order mark, as spreadsheet programs write before UTF-8 CSV
                    return read();
                }
            }
            return c;
        }

        private void unread(int c) {
            pushedBack = c;
        }
    }
}
