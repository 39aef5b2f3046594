package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.demo.national.NationalDataset;
import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.CourtLevel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bulk registry administration against the real hub and its database: CSV import with per-line errors, export,
 * the export-import round trip, and the whole national registry loaded through the admin API (timed).
 * Test entries live in regions 99xxxx, which the national registry does not use. Subclasses run it on H2 and PostgreSQL.
 */
abstract class RegistryBulkContract extends HubIntegrationTest {
    static final String SIMULATOR = "http://127.0.0.1:9090";

    /** POST /admin/registry/import with the Authorization header given (null: none). */
    HttpResponse<String> importCsv(String csv, String contentType, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/registry/import"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return https().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> importCsv(String csv) throws Exception {
        return importCsv(csv, "text/csv; charset=UTF-8", adminAuth());
    }

    HttpResponse<byte[]> export(String query) throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/registry/export" + query))
                .header("Authorization", adminAuth()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String csv(List<Participant> entries) throws IOException {
        StringBuilder b = new StringBuilder();
        RegistryCsv.writeHeader(b);
        for (Participant p : entries) {
            RegistryCsv.write(p, b);
        }
        return b.toString();
    }

    /** Entries whose values exercise the CSV quoting and every optional column. */
    static List<Participant> trickyEntries(String region) {
        String c = "C" + region;
        return List.of(
                new Participant(c, Kind.COURT, "测试市\"东区\",人民法院", region, null, Channel.SOAP, "https://sim.test/courts/" + c + "/soap",
                        Status.ACTIVE, CourtLevel.BASIC, "https://sim.test/callbacks/" + c, 20, 15),
                new Participant("T" + region + "-01", Kind.TRIBUNAL, "  测试人民法庭  ", region, c, Channel.REST,
                        "http://sim.test/units/T1?a=1&b=2", Status.SUSPENDED),
                new Participant("G" + region + "001001", Kind.GRASSROOTS_UNIT, "第一行\n第二行综治中心", region, "T" + region + "-01",
                        Channel.REST, "http://sim.test/units/G1", Status.ACTIVE),
                new Participant("M" + region + "001", Kind.MEDIATION_ORG, "调解中心, 第一", region, c, Channel.REST,
                        "http://sim.test/units/M1", Status.ACTIVE),
                new Participant("P-" + region, Kind.PARTNER, "测试合作机构", region, null, Channel.QUEUE, null, Status.ACTIVE));
    }

    static List<Participant> parse(InputStream csv) throws IOException {
        RegistryCsv.RecordReader r = new RegistryCsv.RecordReader(new InputStreamReader(csv, StandardCharsets.UTF_8), 16_384);
        List<Participant> out = new ArrayList<>();
        r.next(); // header
        for (RegistryCsv.Record rec = r.next(); rec != null; rec = r.next()) {
            ParticipantRows.Row row = ParticipantRows.parse(rec);
            assertThat(row.errors()).isEmpty();
            out.add(row.participant());
        }
        return out;
    }

    @Test
    void importsTheValidLinesAndReportsEachRefusedLineWithColumnValueAndMessage() throws Exception {
        List<Participant> valid = trickyEntries("990101");
        // the unit's name holds a line break, so the five valid entries take lines 2 to 7
        String body = csv(valid)
                + "C990102,COURT,测试法院,990102,,REST,ftp://sim.test/x,ACTIVE,BASIC,,30,30\r\n"           // line 8
                + "T990102-01,TRIBUNAL,测试人民法庭,990102,C999999,REST,http://sim.test/t,ACTIVE,,,,\r\n"  // line 9
                + "C990101,COURT,重复,990101,,REST,http://sim.test/c,ACTIVE,,,,\r\n"                        // line 10
                + "M990103001,MEDIATION_ORG,调解,990103,C990101,REST,http://sim.test/m,ACTIVE,,,x,\r\n"    // line 11
                + "G990104,GRASSROOTS_UNIT,单位,990104,C110105\r\n";                                      // line 12
        HttpResponse<String> r = importCsv(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.get("linesRead").asLong()).isEqualTo(10);
        assertThat(report.get("imported").asLong()).isEqualTo(5);
        assertThat(report.get("rejected").asLong()).isEqualTo(5);
        assertThat(report.get("elapsedMs").asLong()).isNotNegative();
        List<String> errors = new ArrayList<>();
        report.get("errors").forEach(e -> errors.add(e.get("line").asInt() + " " + e.get("column").asText(null) + " "
                + e.get("value").asText(null)));
        assertThat(errors).containsExactly("8 endpoint ftp://sim.test/x", "9 parent_code C999999", "10 code C990101",
                "11 policy_days x", "12 null null");
        assertThat(report.get("errors").get(0).get("message").asText()).contains("http");
        for (Participant p : valid) {
            assertThat(registry.find(p.code())).contains(p);
        }
        assertThat(registry.find("C990102")).isEmpty();
        assertThat(registry.find("T990102-01")).isEmpty();
    }

    @Test
    void answers422WithTheReportWhenNoLineIsValid() throws Exception {
        HttpResponse<String> r = importCsv(RegistryCsv.HEADER + "\r\nc990201,COURT,法院,990201,,REST,http://sim.test/c,ACTIVE,,,,\r\n");
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.get("rejected").asLong()).isEqualTo(1);
        assertThat(report.get("errors").get(0).get("column").asText()).isEqualTo("code");
        HttpResponse<String> noHeader = importCsv("C990202,COURT,法院,990202,,REST,http://sim.test/c,ACTIVE,,,,\r\n");
        assertThat(noHeader.statusCode()).isEqualTo(422);
        assertThat(registry.find("C990202")).isEmpty();
    }

    @Test
    void refusesCallersWithoutTheAdminTokenAndBodiesThatAreNotCsv() throws Exception {
        String body = csv(trickyEntries("990301"));
        HttpResponse<String> anonymous = importCsv(body, "text/csv", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        HttpResponse<String> json = importCsv(body, "application/json", adminAuth());
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(json.body()).get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        HttpResponse<String> gbk = importCsv(body, "text/csv; charset=GBK", adminAuth());
        assertThat(gbk.statusCode()).isEqualTo(415);
        assertThat(registry.find("C990301")).isEmpty();
        assertThat(export("?kind=CASTLE").statusCode()).isEqualTo(400);
    }

    @Test
    void exportThenImportGivesBackTheSameEntriesByteForByte() throws Exception {
        List<Participant> entries = trickyEntries("990401");
        assertThat(importCsv(csv(entries)).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> first = export("?region=9904");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<Participant> exported = parse(new java.io.ByteArrayInputStream(first.body()));
        assertThat(exported).containsExactlyInAnyOrderElementsOf(entries);

        HttpResponse<String> again = importCsv(new String(first.body(), StandardCharsets.UTF_8));
        assertThat(JSON.readTree(again.body()).get("imported").asLong()).isEqualTo(entries.size());
        assertThat(JSON.readTree(again.body()).get("rejected").asLong()).isZero();
        assertThat(export("?region=9904").body()).isEqualTo(first.body());
        for (Participant p : entries) {
            assertThat(registry.find(p.code())).contains(p);
        }
    }

    @Test
    void loadsTheWholeNationalRegistryThroughTheAdminApi() throws Exception {
        Map<Kind, Integer> expected = NationalDataset.expectedCounts();
        Map<Kind, Long> others = othersThanTheDataset();
        long started = System.nanoTime();
        HttpResponse<String> r = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/registry/national?seed=2026&simulatorUrl="
                        + SIMULATOR)).header("Authorization", adminAuth()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        long loadMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        expected.forEach((kind, n) -> assertThat(report.get("generated").get(kind.name()).asInt()).isEqualTo(n));
        assertThat(report.get("written").asLong() + report.get("keptExisting").asLong()).isEqualTo(NationalDataset.TOTAL);

        for (Kind kind : Kind.values()) {
            long ours = registry.count(kind, "99", null, null, null);
            assertThat(registry.count(kind, null, null, null, null) - ours - others.get(kind)).as(kind.name())
                    .isEqualTo(expected.get(kind).longValue());
        }
        assertThat(registry.count(Kind.COURT, null, null, null, null) + registry.count(Kind.TRIBUNAL, null, null, null, null)
                - registry.count(Kind.COURT, "99", null, null, null) - registry.count(Kind.TRIBUNAL, "99", null, null, null)
                - others.get(Kind.COURT) - others.get(Kind.TRIBUNAL))
                .isEqualTo(8210);
        // the demo court keeps its demo endpoint; the others point at the simulator
        assertThat(registry.find("C110105").orElseThrow().endpoint()).contains("/demo-court/");
        assertThat(registry.find("C110108").orElseThrow()).satisfies(p -> {
            assertThat(p.name()).isEqualTo("北京市海淀区人民法院");
            assertThat(p.endpoint()).startsWith(SIMULATOR + "/courts/C110108/");
            assertThat(p.courtLevel()).isEqualTo(CourtLevel.BASIC);
            assertThat(p.parentCode()).startsWith("C110000-");
        });
        assertThat(registry.find("CBIRC").orElseThrow().channel()).isEqualTo(Channel.QUEUE);

        long total = registry.count(null, null, null, null, null);
        started = System.nanoTime();
        HttpResponse<InputStream> all = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/registry/export"))
                .header("Authorization", adminAuth()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] exported;
        try (InputStream in = all.body()) {
            exported = in.readAllBytes();
        }
        long exportMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(parse(new java.io.ByteArrayInputStream(exported))).hasSize((int) total);

        started = System.nanoTime();
        HttpResponse<String> reimport = importCsv(new String(exported, StandardCharsets.UTF_8));
        long importMs = (System.nanoTime() - started) / 1_000_000;
        JsonNode imported = JSON.readTree(reimport.body());
        assertThat(imported.get("imported").asLong()).isEqualTo(total);
        assertThat(imported.get("rejected").asLong()).isZero();

        System.out.printf("%s national registry: load through POST /admin/registry/national %d ms (server: %d ms, %d written,"
                        + " %d kept, heap in use after %d MB); export of %d entries %d bytes in %d ms; re-import of that export %d ms%n",
                getClass().getSimpleName(), loadMs, report.get("elapsedMs").asLong(), report.get("written").asLong(),
                report.get("keptExisting").asLong(), report.get("heapUsedMb").asLong(), total, exported.length, exportMs, importMs);
    }

    /**
     * Entries of each kind outside this class's regions (99) that the national registry does not have: on the shared hub,
     * the participants other test classes registered (and demo entries outside the dataset), counted before the load.
     */
    Map<Kind, Long> othersThanTheDataset() {
        java.util.Set<String> dataset = new java.util.HashSet<>();
        new NationalDataset(2026, SIMULATOR).generate(p -> dataset.add(p.code()));
        Map<Kind, Long> others = new java.util.EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            others.put(kind, 0L);
        }
        jdbc.query("select code, kind, region from participants", row -> {
            String region = row.getString("region");
            if (!dataset.contains(row.getString("code")) && (region == null || !region.startsWith("99"))) {
                others.merge(Kind.valueOf(row.getString("kind")), 1L, Long::sum);
            }
        });
        return others;
    }
}
