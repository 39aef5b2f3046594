package cn.courtmediation.hub.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** The registry's CSV form (RFC 4180, UTF-8, CRLF): the columns, writing entries, reading records with their line numbers. */
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
    // Written by hand, not with Jackson's CsvGenerator: its exact quoting (STRICT_CHECK_FOR_QUOTING) leaves a value with
    // edge spaces unquoted, and the reader would trim them away; its default quoting also quotes every value longer
    // than 24 characters (each endpoint URL), and either needs a schema per record. Neither writes the form above.
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
     * wrong with its syntax, if anything (then the fields are what could be read, a value that could not be read
     * being empty).
     */
    record Record(int line, List<String> fields, String problem) {
    }

    /** Reads records one at a time from a character stream; a record may span lines inside quotes. */
    // Jackson's CSV parser splits the records: quotes and doubled quotes, line breaks inside quotes (counted as lines),
    // CRLF, LF and lone CR, blank lines, spaces around fields and quotes. What it does not do is done here: the byte
    // order mark, Unicode white space, a quote inside an unquoted field (Jackson keeps it as data), syntax errors as
    // Record.problem followed by the next record rather than an exception, and the limit on a record's length.
    static final class RecordReader {
        private final Parser parser;
        private final int maxRecordChars;
        private boolean ended;

        /** @param maxRecordChars longer records are reported, not kept (a stray quote must not swallow the heap) */
        RecordReader(Reader in, int maxRecordChars) throws IOException {
            this.parser = (Parser) new Factory(maxRecordChars).createParser(withoutBom(in));
            this.maxRecordChars = maxRecordChars;
        }

        /** The next record, or null at the end; blank lines and lines of spaces are skipped. */
        Record next() throws IOException {
            List<String> fields = new ArrayList<>();
            String problem = null;
            int line = 0;           // where the record starts, known at its first value
            long start = 0;
            int values = 0;
            boolean tooLong = false;
            while (!ended) {
                JsonToken token;
                String failed = null;
                try {
                    token = parser.nextToken();
                } catch (StreamConstraintsException e) {
                    // A value over the limit: Jackson stops buffering it there, part way through, and carries on from
                    // that point. Outside quotes that is harmless, the record still ends at its line break; inside
                    // quotes the rest of the value would be read as fields and records, and its closing quote (if it
                    // has one) as an opening one: only reading on would say where the value ends, so reading stops.
                    token = JsonToken.VALUE_STRING;
                    failed = tooLong();
                    if (parser.quoted()) {
                        failed += "; the rest of the file was not read";
                        ended = true;
                    }
                } catch (JsonParseException e) {
                    // Jackson has consumed the character it refused: the record goes on to its line break
                    token = JsonToken.VALUE_STRING;
                    failed = syntax(e, values + 1);
                }
                if (token == null) {
                    ended = true;
                } else if (token == JsonToken.END_ARRAY) {
                    return new Record(line, fields, problem);
                } else if (token != JsonToken.START_ARRAY) {
                    values++;
                    if (line == 0) {
                        JsonLocation at = parser.currentTokenLocation();
                        line = at.getLineNr();
                        start = at.getCharOffset();
                    }
                    String value = "";
                    if (failed == null) {
                        value = parser.getText();
                        if (!parser.quoted()) {
                            // Jackson trims ASCII spaces and controls; strip() also takes U+3000 and the other
                            // Unicode spaces Chinese text is padded with
                            value = value.strip();
                            if (value.indexOf('"') >= 0) {
                                failed = "a quote inside unquoted field " + values + " (quote the field and double the quote)";
                            }
                        }
                    }
                    // past the limit nothing more is kept: a line of a million commas holds no million fields
                    if (!tooLong) {
                        fields.add(value);
                    }
                    if (parser.currentLocation().getCharOffset() - start > maxRecordChars) {
                        tooLong = true;
                        failed = failed != null ? failed : tooLong();
                    }
                    problem = problem != null ? problem : failed;
                }
            }
            return line == 0 ? null : new Record(line, fields, problem);
        }

        private String tooLong() {
            return "record longer than " + maxRecordChars + " characters (is a quote missing?)";
        }

        /** Jackson reports both syntax errors it finds as a JsonParseException; only the message tells them apart. */
        private static String syntax(JsonParseException e, int field) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Missing closing quote")) {
                return "a quoted field is not closed before the end of the file";
            }
            if (message.startsWith("Unexpected character")) {
                return "text after the closing quote of field " + field;
            }
            return "field " + field + ": " + message;
        }

        /**
         * Drops the byte order mark spreadsheet programs write before UTF-8 CSV: Jackson skips one only when it
         * decodes the bytes itself, and the importer decodes them (so that bad UTF-8 is reported per field).
         */
        private static Reader withoutBom(Reader in) throws IOException {
            PushbackReader r = new PushbackReader(in);
            int c = r.read();
            if (c != -1 && c != '\uFEFF') {
                r.unread(c);
            }
            return r;
        }
    }

    /** Jackson's CSV factory set up for registry files, making parsers that say whether a value was quoted. */
    private static final class Factory extends CsvFactory {
        Factory(int maxValueChars) {
            super(CsvFactory.builder()
                    .enable(CsvParser.Feature.TRIM_SPACES)
                    .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                    // the caller owns the stream (the HTTP request's)
                    .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                    // bounds what one value may buffer: without it an unclosed quote buffers up to 20 million characters
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxValueChars).build()));
        }

        @Override
        protected CsvParser _createParser(Reader r, IOContext ctxt) {
            return new Parser(ctxt, _parserFeatures, _csvParserFeatures, _objectCodec, r);
        }
    }

    /** A CsvParser that says whether the value just read was quoted. */
    // Unquoted values are trimmed and may not hold a quote, quoted ones are kept verbatim: Jackson tracks which is which
    // (CsvDecoder, since 2.18) but CsvParser does not expose it, so this subclass reads its protected decoder.
    private static final class Parser extends CsvParser {
        Parser(IOContext ctxt, int stdFeatures, int csvFeatures, ObjectCodec codec, Reader reader) {
            super(ctxt, stdFeatures, csvFeatures, codec, reader);
        }

        boolean quoted() {
            return _reader.isCurrentTokenQuoted();
        }
    }
}
