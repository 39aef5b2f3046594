package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.demo.national.NationalDataset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import cn.courtmediation.hub.registry.ImportReport.LineError;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Import checks line by line, against the rest of the file and the registry (a mock here); the database side is in RegistryBulkContract. */
class RegistryImportTest {
    static final String H = RegistryCsv.HEADER + "\n";
    static final String COURT = "C990101,COURT,测试县人民法院,990101,,REST,http://sim/courts/C990101/rest,ACTIVE,BASIC,,30,30\n";

    Registry registry;
    List<List<Participant>> batches;
    List<long[]> progress;

    @BeforeEach
    void registry() {
        registry = mock(Registry.class);
        batches = new ArrayList<>();
        progress = new ArrayList<>();
        when(registry.find(anyString())).thenReturn(Optional.empty());
        when(registry.find("C110105")).thenReturn(Optional.of(new Participant("C110105", Kind.COURT, "北京市朝阳区人民法院", "110105",
                null, Channel.REST, "http://x/", Status.ACTIVE)));
        when(registry.find("PBOC")).thenReturn(Optional.of(new Participant("PBOC", Kind.PARTNER, "中国人民银行", "100000",
                null, Channel.QUEUE, null, Status.ACTIVE)));
        doAnswer(a -> batches.add(List.copyOf(a.getArgument(0)))).when(registry).upsertAll(anyList());
    }

    /** Registry settings with these bulk figures (the cache's are not used by an import). */
    static RegistrySettings bulk(int batchSize, int progressEvery, int maxReportedErrors) {
        return new RegistrySettings(100_000, java.time.Duration.ofSeconds(1), new RegistrySettings.Bulk(batchSize, progressEvery, maxReportedErrors));
    }

    ImportReport run(String csv, int batchSize) throws IOException {
        return run(csv.getBytes(StandardCharsets.UTF_8), batchSize);
    }

    ImportReport run(byte[] csv, int batchSize) throws IOException {
        return new RegistryImport(registry, bulk(batchSize, 2, 1000)).run(new ByteArrayInputStream(csv),
                (read, imported, rejected) -> progress.add(new long[] {read, imported, rejected}));
    }

    List<Participant> upserted() {
        return batches.stream().flatMap(List::stream).toList();
    }

    @Test
    void importsValidLinesInBatchesAndReportsProgress() throws IOException {
        StringBuilder csv = new StringBuilder(H);
        for (int i = 1; i <= 7; i++) {
            csv.append("M99010100").append(i).append(",MEDIATION_ORG,调解中心").append(i)
                    .append(",990101,C110105,REST,https://sim/units/x,ACTIVE,,,,\n");
        }
        ImportReport report = run(csv.toString(), 3);
        assertThat(report).extracting(ImportReport::linesRead, ImportReport::imported, ImportReport::rejected).containsExactly(7L, 7L, 0L);
        assertThat(batches).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(upserted().get(0)).isEqualTo(new Participant("M990101001", Kind.MEDIATION_ORG, "调解中心1", "990101", "C110105",
                Channel.REST, "https://sim/units/x", Status.ACTIVE));
        // every 2 lines, and at the end
        assertThat(progress).extracting(p -> p[0]).containsExactly(2L, 4L, 6L, 7L);
        assertThat(progress.get(progress.size() - 1)).containsExactly(7, 7, 0);
    }

    @Test
    void reportsEachBadFieldWithLineColumnValueAndMessage() throws IOException {
        String csv = H
                + "c-lower,COURT,名,990101,,REST,http://sim/a,ACTIVE,,,,\n"                 // 2 code pattern
                + "C990102,CASTLE,名,990102,,REST,http://sim/a,ACTIVE,,,,\n"                // 3 kind
                + "C990103,COURT,,990103,,REST,http://sim/a,ACTIVE,,,,\n"                   // 4 name missing
                + "C990104,COURT,名,99,,REST,http://sim/a,ACTIVE,,,,\n"                     // 5 region
                + "C990105,COURT,名,990105,,PIGEON,http://sim/a,ACTIVE,,,,\n"               // 6 channel
                + "C990106,COURT,名,990106,,SOAP,,ACTIVE,,,,\n"                             // 7 endpoint missing
                + "C990107,COURT,名,990107,,REST,ftp://sim/a,ACTIVE,,,,\n"                  // 8 endpoint not http(s)
                + "C990108,COURT,名,990108,,REST,http://sim/a,SLEEPING,,,,\n"               // 9 status
                + "C990109,COURT,名,990109,,REST,http://sim/a,ACTIVE,MIDDLE,,,\n"           // 10 level
                + "C990110,COURT,名,990110,,REST,http://sim/a,ACTIVE,,,thirty,30\n"         // 11 policy days
                + "C990111,COURT,名,990111,,REST,http://sim/a,ACTIVE,,,30,-1\n"             // 12 extension days
                + "C990112,COURT,名,990112,,REST\n"                                         // 13 column count
                + "PX-1,PARTNER,名,100000,,QUEUE,http://sim/a,ACTIVE,,,,\n"                 // 14 queue with endpoint
                + "G990113001001,GRASSROOTS_UNIT,名,990113,,REST,http://sim/a,ACTIVE,,,,\n" // 15 unit without parent
                + "M990114001,MEDIATION_ORG,名,990114,C110105,REST,http://sim/a,ACTIVE,BASIC,,30,\n" // 16 level+policy on org
                + "C990116,COURT,名,990116,,REST,http://sim/a,ACTIVE,,not a url,,\n";    // 17 callback
        ImportReport report = run(csv, 100);
        assertThat(report.linesRead()).isEqualTo(16);
        assertThat(report.imported()).isZero();
        assertThat(report.rejected()).isEqualTo(16);
        assertThat(report.errors()).extracting(LineError::line, LineError::column, LineError::value).containsExactly(
                tuple(2, "code", "c-lower"),
                tuple(3, "kind", "CASTLE"),
                tuple(4, "name", null),
                tuple(5, "region", "99"),
                tuple(6, "channel", "PIGEON"),
                tuple(7, "endpoint", null),
                tuple(8, "endpoint", "ftp://sim/a"),
                tuple(9, "status", "SLEEPING"),
                tuple(10, "court_level", "MIDDLE"),
                tuple(11, "policy_days", "thirty"),
                tuple(12, "max_extension_days", "-1"),
                tuple(13, null, null),
                tuple(14, "endpoint", "http://sim/a"),
                tuple(15, "parent_code", null),
                tuple(16, "court_level", "BASIC"),
                tuple(16, "policy_days", "30"),
                tuple(17, "callback_url", "not a url"));
        assertThat(report.errors().get(0).message()).contains("^[A-Z0-9][A-Z0-9-]{1,63}$");
        assertThat(report.errors().get(1).message()).contains("COURT, TRIBUNAL, PARTNER, MEDIATION_ORG, GRASSROOTS_UNIT");
        assertThat(report.errors().get(11).message()).contains("expected 12 columns").contains("found 6");
        assertThat(batches).isEmpty();
    }

    @Test
    void acceptsParentsFromTheRegistryOrAnywhereInTheFileAndRefusesUnknownOnes() throws IOException {
        String csv = H
                + "T990101-01,TRIBUNAL,某人民法庭,990101,C990101,REST,http://sim/t,ACTIVE,,,,\n"    // 2 parent later in file
                + "G990101002001,GRASSROOTS_UNIT,某综治中心,990101,T990101-01,REST,http://sim/g,ACTIVE,,,,\n" // 3 parent waiting too
                + "M990101001,MEDIATION_ORG,某调解中心,990101,C110105,REST,http://sim/m,ACTIVE,,,,\n"   // 4 parent in registry
                + "M990101002,MEDIATION_ORG,某调解中心,990101,C404040,REST,http://sim/m,ACTIVE,,,,\n"   // 5 parent nowhere
                + "M990101003,MEDIATION_ORG,某调解中心,990101,PBOC,REST,http://sim/m,ACTIVE,,,,\n"      // 6 parent of wrong kind
                + COURT;                                                                                 // 7
        ImportReport report = run(csv, 100);
        assertThat(report).extracting(ImportReport::linesRead, ImportReport::imported, ImportReport::rejected).containsExactly(6L, 4L, 2L);
        assertThat(upserted()).extracting(Participant::code)
                .containsExactlyInAnyOrder("T990101-01", "G990101002001", "M990101001", "C990101");
        assertThat(report.errors()).extracting(LineError::line, LineError::column, LineError::value).containsExactly(
                tuple(5, "parent_code", "C404040"), tuple(6, "parent_code", "PBOC"));
        assertThat(report.errors().get(0).message()).isEqualTo("parent code is neither in this file nor in the registry");
        assertThat(report.errors().get(1).message()).contains("parent is a PARTNER").contains("must be a COURT");
    }

    @Test
    void refusesLinesWhoseParentLineWasRefusedAndDuplicateCodes() throws IOException {
        String csv = H
                + "T990101-01,TRIBUNAL,某人民法庭,990101,C990101,REST,http://sim/t,ACTIVE,,,,\n"     // 2 waits for line 3
                + "C990101,COURT,,990101,,REST,http://sim/c,ACTIVE,,,,\n"                               // 3 no name
                + "G990101002001,GRASSROOTS_UNIT,某综治中心,990101,T990101-01,REST,http://sim/g,ACTIVE,,,,\n" // 4 its parent fell
                + "M990101001,MEDIATION_ORG,某调解中心,990101,C110105,REST,http://sim/m,ACTIVE,,,,\n"   // 5
                + "M990101001,MEDIATION_ORG,又一个,990101,C110105,REST,http://sim/m,ACTIVE,,,,\n";      // 6 duplicate
        ImportReport report = run(csv, 100);
        assertThat(report).extracting(ImportReport::imported, ImportReport::rejected).containsExactly(1L, 4L);
        assertThat(report.errors()).extracting(LineError::line, LineError::column).containsExactly(
                tuple(2, "parent_code"), tuple(3, "name"), tuple(4, "parent_code"), tuple(6, "code"));
        assertThat(report.errors().get(0).message()).contains("line 3 in this file was rejected");
        assertThat(report.errors().get(3).message()).isEqualTo("duplicate code: already on line 5");
        assertThat(upserted()).extracting(Participant::name).containsExactly("某调解中心");
    }

    @Test
    void refusesAFileWithoutTheHeaderAndImportsNothing() throws IOException {
        ImportReport report = run(COURT, 100);
        assertThat(report.imported()).isZero();
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.message()).contains("header " + RegistryCsv.HEADER);
        });
        assertThat(run("", 100).errors()).singleElement().extracting(LineError::message).asString().startsWith("empty file");
    }

    @Test
    void refusesTextThatIsNotUtf8LineByLineAndImportsTheRest() throws IOException {
        byte[] gbk = (H + COURT + "C990102,COURT,Ascii County Court,990102,,REST,http://sim/c,ACTIVE,,,,\n").getBytes(Charset.forName("GBK"));
        ImportReport report = run(gbk, 100);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo("name");
            assertThat(e.message()).contains("not UTF-8");
        });
        assertThat(upserted()).extracting(Participant::code).containsExactly("C990102");
    }

    @Test
    void acceptsExcelStyleFilesWithBomCrlfAndLowerCaseValues() throws IOException {
        String csv = "\uFEFF" + RegistryCsv.HEADER.toUpperCase() + "\r\n"
                + "C990101 , court ,\"测试县人民法院, 第一\",990101,,rest,http://sim/c,active,basic,,30,30\r\n";
        ImportReport report = run(csv, 100);
        assertThat(report.errors()).isEmpty();
        assertThat(upserted()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("C990101");
            assertThat(p.name()).isEqualTo("测试县人民法院, 第一");
            assertThat(p.kind()).isEqualTo(Kind.COURT);
        });
    }

    @Test
    void reportsTheLineARecordStartsOnAfterAQuotedLineBreakAndAnUnclosedQuote() throws IOException {
        String csv = H
                + "C990101,COURT,\"测试县\r\n人民法院\",990101,,REST,http://sim/c,ACTIVE,,,,\n"  // 2-3
                + "C990102,CASTLE,名,990102,,REST,http://sim/c,ACTIVE,,,,\n"                     // 4 kind
                + "C990103,COURT,\"名,990103,,REST,http://sim/c,ACTIVE,,,,\n"                     // 5 quote never closed
                + COURT;
        ImportReport report = run(csv, 100);
        assertThat(report.errors()).extracting(LineError::line, LineError::column).containsExactly(
                tuple(4, "kind"), tuple(5, null));
        assertThat(report.errors().get(1).message()).isEqualTo("a quoted field is not closed before the end of the file");
        assertThat(upserted()).extracting(Participant::name).containsExactly("测试县\r\n人民法院");
    }

    @Test
    void listsAtMostTheConfiguredNumberOfErrorsAndCountsTheRest() throws IOException {
        StringBuilder csv = new StringBuilder(H);
        for (int i = 0; i < 30; i++) {
            csv.append("bad code,COURT,名,990101,,REST,http://sim/c,ACTIVE,,,,\n");
        }
        ImportReport report = new RegistryImport(registry, bulk(100, 1000, 10)).run(
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), (a, b, c) -> { });
        assertThat(report.errors()).hasSize(10);
        assertThat(report.errorsNotListed()).isEqualTo(20);
        assertThat(report.rejected()).isEqualTo(30);
    }

    /** Measures the import itself (no database): the national CSV ordered by code, so units come before their tribunals. */
    @Test
    void importsTheNationalRegistryOrderedByCodeResolvingEveryForwardParent() throws IOException {
        Registry stub = mock(Registry.class, withSettings().stubOnly());
        when(stub.find(anyString())).thenReturn(Optional.empty());
        long[] upserted = {0};
        doAnswer(a -> upserted[0] += ((List<?>) a.getArgument(0)).size()).when(stub).upsertAll(anyList());
        List<Participant> all = new ArrayList<>(NationalDataset.TOTAL);
        new NationalDataset(2026, "http://127.0.0.1:9090").generate(all::add);
        all.sort(Comparator.comparing(Participant::code));
        byte[] csv = RegistryBulkContract.csv(all).getBytes(StandardCharsets.UTF_8);
        all.clear();

        long started = System.nanoTime();
        ImportReport report = new RegistryImport(stub, bulk(2000, 20_000, 1000)).run(new ByteArrayInputStream(csv), (a, b, c) -> { });
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Import of the national CSV (%d bytes, ordered by code) without a database: %d ms%n", csv.length, ms);
        assertThat(report.errors()).isEmpty();
        assertThat(report.imported()).isEqualTo(NationalDataset.TOTAL);
        assertThat(upserted[0]).isEqualTo(NationalDataset.TOTAL);
    }
}
