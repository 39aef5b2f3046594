package cn.courtmediation.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.CourtLevel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 4180 codec: quoting, line breaks inside fields, line numbers, trimming, and syntax problems. */
class RegistryCsvTest {

    static List<RegistryCsv.Record> read(String csv) throws IOException {
        return read(csv, 16_384);
    }

    static List<RegistryCsv.Record> read(String csv, int max) throws IOException {
        RegistryCsv.RecordReader r = new RegistryCsv.RecordReader(new StringReader(csv), max);
        List<RegistryCsv.Record> out = new ArrayList<>();
        for (RegistryCsv.Record rec = r.next(); rec != null; rec = r.next()) {
            out.add(rec);
        }
        return out;
    }

    @Test
    void writesTheHeaderAndOneCrlfRecordPerEntryWithEmptyFieldsForNulls() throws IOException {
        StringBuilder b = new StringBuilder();
        RegistryCsv.writeHeader(b);
        RegistryCsv.write(new Participant("C110105", Kind.COURT, "北京市朝阳区人民法院", "110105", "C110000-3", Channel.REST,
                "http://127.0.0.1:9090/courts/C110105/rest", Status.ACTIVE, CourtLevel.BASIC, null, 30, 30), b);
        RegistryCsv.write(new Participant("PBOC", Kind.PARTNER, "中国人民银行", "100000", null, Channel.QUEUE, null, Status.ACTIVE), b);
        assertThat(b.toString()).isEqualTo("code,kind,name,region,parent_code,channel,endpoint,status,court_level,callback_url,"
                + "policy_days,max_extension_days\r\n"
                + "C110105,COURT,北京市朝阳区人民法院,110105,C110000-3,REST,http://127.0.0.1:9090/courts/C110105/rest,ACTIVE,BASIC,,30,30\r\n"
                + "PBOC,PARTNER,中国人民银行,100000,,QUEUE,,ACTIVE,,,,\r\n");
    }

    @Test
    void quotesCommasQuotesLineBreaksAndEdgeSpacesAndReadsThemBackExactly() throws IOException {
        String[] values = {"甲,乙", "say \"调解\"", "line1\r\nline2", "line1\nline2", " padded ", "plain", "", "\"", ",", "a\rb"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            RegistryCsv.field(b, values[i]);
            b.append(i < values.length - 1 ? "," : RegistryCsv.EOL);
        }
        assertThat(b.toString()).startsWith("\"甲,乙\",\"say \"\"调解\"\"\",\"line1\r\nline2\",");
        List<RegistryCsv.Record> records = read(b.toString());
        assertThat(records).hasSize(1);
        assertThat(records.get(0).problem()).isNull();
        assertThat(records.get(0).fields()).containsExactly(values);
    }

    @Test
    void numbersRecordsByTheLineTheyStartOnCountingLineBreaksInsideQuotes() throws IOException {
        List<RegistryCsv.Record> records = read("a,b\n\"x\ny\",z\r\n\r\nlast,one\rcr,only");
        assertThat(records).extracting(RegistryCsv.Record::line).containsExactly(1, 2, 5, 6);
        assertThat(records.get(1).fields()).containsExactly("x\ny", "z");
        assertThat(records.get(3).fields()).containsExactly("cr", "only");
    }

    @Test
    void trimsUnquotedFieldsAndSkipsABomAndBlankLines() throws IOException {
        List<RegistryCsv.Record> records = read("\uFEFFcode , kind\n\n   \"  kept  \" ,x\n");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).fields()).containsExactly("code", "kind");
        assertThat(records.get(1).fields()).containsExactly("  kept  ", "x");
        assertThat(records.get(1).line()).isEqualTo(3);
    }

    @Test
    void reportsAnUnclosedQuote() throws IOException {
        List<RegistryCsv.Record> records = read("a,\"never closed\nb,c\n");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).problem()).contains("not closed");
    }

    @Test
    void reportsAQuoteInsideAnUnquotedFieldAndTextAfterAClosingQuote() throws IOException {
        List<RegistryCsv.Record> records = read("ab\"c,d\n\"ab\"c,d\nok,\"fine\"  \n");
        assertThat(records.get(0).problem()).contains("quote inside unquoted field 1");
        assertThat(records.get(1).problem()).contains("after the closing quote of field 1");
        assertThat(records.get(2).problem()).isNull();
        assertThat(records.get(2).fields()).containsExactly("ok", "fine");
    }

    @Test
    void reportsARecordLongerThanTheLimitWithoutKeepingIt() throws IOException {
        List<RegistryCsv.Record> records = read("short,1\n" + "x".repeat(100) + ",2\nnext,3\n", 50);
        assertThat(records).hasSize(3);
        assertThat(records.get(1).problem()).contains("longer than 50");
        assertThat(records.get(1).fields().get(0)).hasSizeLessThanOrEqualTo(50);
        assertThat(records.get(2).fields()).containsExactly("next", "3");
    }
    @Test
    void numbersEveryRecordRightWhenLineBreaksFallOnTheParsersBufferBoundaries() throws IOException {
        // records of growing length put a CRLF, inside quotes and between records, across every buffer boundary
        StringBuilder csv = new StringBuilder();
        int n = 3000;
        for (int i = 0; i < n; i++) {
            csv.append("r").append(i).append(",\"").append("x".repeat(i % 7)).append("\r\n").append(i).append("\"\r\n");
        }
        List<RegistryCsv.Record> records = read(csv.toString());
        assertThat(records).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(records.get(i).line()).as("record %d", i).isEqualTo(1 + 2 * i);
            assertThat(records.get(i).fields()).containsExactly("r" + i, "x".repeat(i % 7) + "\r\n" + i);
        }
    }

    @Test
    void reportsAnUnclosedQuoteOnTheLineItOpensWithTheFieldsBeforeIt() throws IOException {
        List<RegistryCsv.Record> records = read("ok,1\n\"two\nlines\",2\nbad,\"open\nx,y\n");
        assertThat(records).extracting(RegistryCsv.Record::line).containsExactly(1, 2, 4);
        assertThat(records.get(1).problem()).isNull();
        assertThat(records.get(2).problem()).isEqualTo("a quoted field is not closed before the end of the file");
        assertThat(records.get(2).fields()).startsWith("bad");
    }

    @Test
    void goesOnAfterAnOverlongUnquotedValueAndStopsAfterAnOverlongQuotedOne() throws IOException {
        // far longer than the limit, so Jackson gives up on the value part way through, not at its end
        String longValue = "x".repeat(100_000);
        List<RegistryCsv.Record> records = read("a,1\n" + longValue + ",2\nb,3\n\"" + longValue + "\",4\nc,5\n", 16_384);
        assertThat(records).extracting(RegistryCsv.Record::line).containsExactly(1, 2, 3, 4);
        assertThat(records.get(1).problem()).isEqualTo("record longer than 16384 characters (is a quote missing?)");
        assertThat(records.get(2).problem()).isNull();
        assertThat(records.get(2).fields()).containsExactly("b", "3");
        assertThat(records.get(3).problem()).contains("longer than 16384").endsWith("the rest of the file was not read");
    }

    @Test
    void keepsNoMoreThanTheLimitOfARecordMadeOfManyShortFields() throws IOException {
        List<RegistryCsv.Record> records = read(",".repeat(1_000_000) + "\nnext,1\n", 1000);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).problem()).contains("longer than 1000");
        assertThat(records.get(0).fields().size()).as("about the limit, not a million").isLessThan(1100);
        assertThat(records.get(1).fields()).containsExactly("next", "1");
    }

    @Test
    void trimsUnicodeSpacesOffUnquotedFieldsAndSkipsLinesOfSpaces() throws IOException {
        List<RegistryCsv.Record> records = read("\u3000法院\u3000,\"\u3000kept\u3000\"\n   \n\t x \t,y\n");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).fields()).containsExactly("法院", "\u3000kept\u3000");
        assertThat(records.get(1).fields()).containsExactly("x", "y");
        assertThat(records.get(1).line()).isEqualTo(3);
    }
}
