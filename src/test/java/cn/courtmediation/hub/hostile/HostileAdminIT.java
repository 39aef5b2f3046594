package cn.courtmediation.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.support.HubTestEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile-input corpus (issue 12 item 6) on the admin API (/admin/**, bearer token): every endpoint without the
 * token, with a wrong one, with another scheme; then, with the right token, malformed CSV imports, certificate
 * requests, suites, serials, ids and paging. Each is refused with its documented status and code (problem+json; the
 * CSV import's per-line report), and changes nothing: the registry, the certificate records and the hub's signing
 * certificates stay as they were. Afterwards readiness is UP and the admin API still answers the right token.
 */
class HostileAdminIT extends HostileGroup {

    /** Method and path of every admin endpoint; {code} is a participant of this class. */
    private static final String[][] ENDPOINTS = {
            {"GET", "/admin/pki/certificates"},
            {"GET", "/admin/pki/certificates?expiring=true"},
            {"POST", "/admin/pki/participants/{code}/certificates"},
            {"POST", "/admin/pki/participants/{code}/sandbox"},
            {"POST", "/admin/pki/certificates/{serial}/revoke"},
            {"POST", "/admin/pki/hub-signing/rotate"},
            {"GET", "/admin/dead-letters"},
            {"POST", "/admin/dead-letters/{id}/replay"},
            {"GET", "/admin/dead-letters/orphans"},
            {"GET", "/admin/registry/participants"},
            {"GET", "/admin/registry/participants/{code}"},
            {"PUT", "/admin/registry/participants/{code}"},
            {"POST", "/admin/registry/participants/{code}/suspend"},
            {"POST", "/admin/registry/participants/{code}/resume"},
            {"POST", "/admin/registry/import"},
            {"GET", "/admin/registry/export"},
            {"POST", "/admin/registry/national"},
            {"GET", "/admin/message-log/verify"},
            {"GET", "/admin/nothing-here"},
    };

    /** Authorization header values that must not pass (null: none sent); token is the admin's real token. */
    private static String[][] wrongAuth(String token) {
        return new String[][] {
                {"no Authorization header", null},
                {"wrong token", "Bearer not-the-token"},
                {"Basic scheme with the token", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + token).getBytes())},
                {"Basic scheme with a wrong password", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:not-the-password".getBytes())},
                {"the token without a scheme", token},
                {"the token with a suffix", "Bearer " + token + "x"},
                {"a prefix of the token", "Bearer " + token.substring(0, token.length() - 1)},
                {"an empty bearer token", "Bearer "},
        };
    }

    private String code;
    private String serial;

    @TestFactory
    Stream<DynamicNode> admin() throws Exception {
        code = court("HAD");
        serial = cn.courtmediation.hub.trust.CertificateStore.serialOf(signers.of(code).certificate());
        List<DynamicNode> nodes = new ArrayList<>();
        List<DynamicNode> auth = new ArrayList<>();
        String token = adminAuth().substring("Bearer ".length());
        for (String[] e : ENDPOINTS) {
            for (String[] a : wrongAuth(token)) {
                // every endpoint without a token and with a wrong one; the other variants on a changing endpoint and a reading one
                boolean all = a[1] == null || a[0].equals("wrong token") || e[1].contains("rotate") || e[1].equals("/admin/registry/participants");
                if (!all) {
                    continue;
                }
                auth.add(test(e[0] + " " + e[1] + ", " + a[0] + " -> 401 UNAUTHORIZED",
                        () -> assertUnchanged(() -> assertProblem(send(e[0], path(e[1]), a[1], "application/json", "{}"), 401, "UNAUTHORIZED"))));
            }
        }
        auth.add(test("the token in the query string -> 401 UNAUTHORIZED", () -> assertUnchanged(() -> assertProblem(
                send("GET", "/admin/pki/certificates?token=" + token + "&access_token=" + token, null, null, null), 401, "UNAUTHORIZED"))));
        auth.add(test("the token in X-Admin-Token -> 401 UNAUTHORIZED", () -> assertUnchanged(() -> assertProblem(
                https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/pki/certificates")).header("X-Admin-Token", token).build(),
                        HttpResponse.BodyHandlers.ofString()), 401, "UNAUTHORIZED"))));
        auth.add(test("path trick /admin/../admin/pki/certificates without a token -> 401 UNAUTHORIZED", () -> assertUnchanged(() ->
                assertProblem(send("GET", "/admin/%2e%2e/admin/pki/certificates", null, null, null), 400, 401, 404))));
        auth.add(test("path trick /ADMIN/pki/certificates without a token -> not served", () -> assertUnchanged(() ->
                assertProblem(send("GET", "/ADMIN/pki/certificates", null, null, null), 401, 404))));
        auth.add(test("path trick /admin;x=y/pki/certificates without a token -> not served", () -> assertUnchanged(() ->
                assertProblem(send("GET", "/admin;x=y/pki/certificates", null, null, null), 400, 401, 404))));
        auth.add(test("the right token on the plain HTTP port -> 401 UNAUTHORIZED (credentials only over TLS)", () -> assertUnchanged(() ->
                assertProblem(http.send(HttpRequest.newBuilder(URI.create(base() + "/admin/pki/certificates")).header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofString()), 401, "UNAUTHORIZED"))));
        auth.add(test("a court's client certificate on a changing endpoint -> 403 FORBIDDEN", () -> assertUnchanged(() ->
                assertProblem(httpsAs(code).send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/pki/hub-signing/rotate"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()), 403, "FORBIDDEN"))));
        nodes.add(DynamicContainer.dynamicContainer("admin API without or with a wrong token", auth));

        List<DynamicNode> csv = new ArrayList<>();
        String header = "code,kind,name,region,parent_code,channel,endpoint,status,court_level,callback_url,policy_days,max_extension_days";
        String ok = "HOSTILE-%s,PARTNER,恶意导入,110105,,QUEUE,,ACTIVE,,,,";
        csvCase(csv, "empty body", "");
        csvCase(csv, "header only", header + "\r\n");
        csvCase(csv, "wrong header", "a,b,c\r\n" + ok.formatted(tag()) + "\r\n");
        csvCase(csv, "header in another order", "kind,code,name,region,parent_code,channel,endpoint,status,court_level,callback_url,"
                + "policy_days,max_extension_days\r\n" + ok.formatted(tag()) + "\r\n");
        csvCase(csv, "binary garbage", new String(new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 3}, StandardCharsets.ISO_8859_1));
        csvCase(csv, "line in GB18030", header + "\r\n", ok.formatted(tag()) + "\r\n", Charset.forName("GB18030"));
        csvCase(csv, "unterminated quote", header + "\r\n\"HOSTILE-" + tag() + ",PARTNER,x,110105,,QUEUE,,ACTIVE,,,,\r\n");
        csvCase(csv, "a field of 20000 characters", header + "\r\n" + ok.formatted(tag()).replace("恶意导入", "x".repeat(20_000)) + "\r\n");
        csvCase(csv, "too few fields", header + "\r\nHOSTILE-" + tag() + ",PARTNER\r\n");
        csvCase(csv, "too many fields", header + "\r\n" + ok.formatted(tag()) + ",extra,extra\r\n");
        csvCase(csv, "unknown kind", header + "\r\n" + ok.formatted(tag()).replace("PARTNER", "ROOT") + "\r\n");
        csvCase(csv, "unknown channel", header + "\r\n" + ok.formatted(tag()).replace("QUEUE", "FTP") + "\r\n");
        csvCase(csv, "unknown status", header + "\r\n" + ok.formatted(tag()).replace("ACTIVE", "GOD") + "\r\n");
        csvCase(csv, "code with a formula (CSV injection)", header + "\r\n=cmd|'/C calc'!A0,PARTNER,x,110105,,QUEUE,,ACTIVE,,,,\r\n");
        csvCase(csv, "code in lower case", header + "\r\n" + ok.formatted(tag()).toLowerCase().replace("partner", "PARTNER")
                .replace("queue", "QUEUE").replace("active", "ACTIVE") + "\r\n");
        csvCase(csv, "REST court with a javascript: endpoint", header + "\r\nHOSTILE-" + tag()
                + ",COURT,x,110105,,REST,javascript:alert(1),ACTIVE,BASIC,,,\r\n");
        csvCase(csv, "REST court without an endpoint", header + "\r\nHOSTILE-" + tag() + ",COURT,x,110105,,REST,,ACTIVE,BASIC,,,\r\n");
        csvCase(csv, "grassroots unit whose parent does not exist", header + "\r\nHOSTILE-" + tag()
                + ",GRASSROOTS_UNIT,x,110105,NO-SUCH-COURT,REST,http://127.0.0.1:1/x,ACTIVE,,,,\r\n");
        csvCase(csv, "policy days not a number", header + "\r\nHOSTILE-" + tag() + ",COURT,x,110105,,REST,http://127.0.0.1:1/x,ACTIVE,BASIC,,thirty,\r\n");
        csvCase(csv, "negative policy days", header + "\r\nHOSTILE-" + tag() + ",COURT,x,110105,,REST,http://127.0.0.1:1/x,ACTIVE,BASIC,,-5,\r\n");
        csvCase(csv, "region with letters", header + "\r\n" + ok.formatted(tag()).replace("110105", "ABC") + "\r\n");
        csvCase(csv, "the same new code twice, both invalid", header + "\r\nHOSTILE-DUP,ROOT,x,110105,,QUEUE,,ACTIVE,,,,\r\nHOSTILE-DUP,ROOT,x,110105,,QUEUE,,ACTIVE,,,,\r\n");
        csv.add(test("import as application/json -> 415 UNSUPPORTED_MEDIA_TYPE", () -> assertUnchanged(() ->
                assertProblem(send("POST", "/admin/registry/import", adminAuth(), "application/json", header), 415, "UNSUPPORTED_MEDIA_TYPE"))));
        csv.add(test("import as text/csv; charset=gbk -> 415 UNSUPPORTED_MEDIA_TYPE", () -> assertUnchanged(() ->
                assertProblem(send("POST", "/admin/registry/import", adminAuth(), "text/csv; charset=gbk", header), 415, "UNSUPPORTED_MEDIA_TYPE"))));
        csv.add(test("import without a Content-Type -> 415 UNSUPPORTED_MEDIA_TYPE", () -> assertUnchanged(() ->
                assertProblem(send("POST", "/admin/registry/import", adminAuth(), null, header), 415, "UNSUPPORTED_MEDIA_TYPE"))));
        nodes.add(DynamicContainer.dynamicContainer("registry CSV import, malformed", csv));

        List<DynamicNode> other = new ArrayList<>();
        String admin = adminAuth();
        other.add(test("certificate request that is not PEM -> 400 MALFORMED", () -> assertUnchanged(() -> assertProblem(
                send("POST", "/admin/pki/participants/" + code + "/certificates", admin, "application/pkcs10", "not a csr"), 400, "MALFORMED"))));
        other.add(test("certificate request PEM with garbage inside -> 400 MALFORMED", () -> assertUnchanged(() -> assertProblem(
                send("POST", "/admin/pki/participants/" + code + "/certificates", admin, "application/pkcs10",
                        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"), 400, "MALFORMED"))));
        other.add(test("certificate request for an unknown participant -> 422 UNKNOWN_SENDER", () -> assertUnchanged(() -> assertProblem(
                send("POST", "/admin/pki/participants/NO-SUCH-" + tag() + "/certificates", admin, "application/pkcs10", Csr.p256()),
                422, "UNKNOWN_SENDER"))));
        other.add(test("certificate request with a P-384 key -> 400 MALFORMED", () -> assertUnchanged(() -> assertProblem(
                send("POST", "/admin/pki/participants/" + code + "/certificates", admin, "application/pkcs10", Csr.p384()), 400, "MALFORMED"))));
        other.add(test("certificate request whose own signature does not verify -> 401 SIGNATURE_INVALID", () -> assertUnchanged(() -> assertProblem(
                send("POST", "/admin/pki/participants/" + code + "/certificates", admin, "application/pkcs10", Csr.badSignature()),
                401, "SIGNATURE_INVALID"))));
        other.add(test("sandbox with an unknown suite (MD5_RSA) -> 400 MALFORMED", () -> assertUnchanged(() -> assertProblem(
                send("POST", "/admin/pki/participants/" + code + "/sandbox?suite=MD5_RSA", admin, null, null), 400, "MALFORMED"))));
        other.add(test("sandbox for an unknown participant -> 422 UNKNOWN_SENDER", () -> assertUnchanged(() -> assertProblem(
                send("POST", "/admin/pki/participants/NO-SUCH-" + tag() + "/sandbox", admin, null, null), 422, "UNKNOWN_SENDER"))));
        other.add(test("revoke an unknown serial -> 404 NOT_FOUND", () -> assertUnchanged(() -> assertProblem(
                send("POST", "/admin/pki/certificates/deadbeef/revoke", admin, null, null), 404, "NOT_FOUND"))));
        other.add(test("revoke a serial with SQL in it -> 404 NOT_FOUND", () -> assertUnchanged(() -> assertProblem(
                send("POST", "/admin/pki/certificates/1'%20or%20'1'='1/revoke", admin, null, null), 404, "NOT_FOUND"))));
        other.add(test("replay an unknown message -> 404 NOT_FOUND", () -> assertUnchanged(() -> assertProblem(
                send("POST", "/admin/dead-letters/" + UUID.randomUUID() + "/replay", admin, null, null), 404, "NOT_FOUND"))));
        other.add(test("dead letters page -1 -> 400 MALFORMED", () -> assertUnchanged(() -> assertProblem(
                send("GET", "/admin/dead-letters?page=-1", admin, null, null), 400, "MALFORMED"))));
        other.add(test("dead letters size 1000000 -> 400 MALFORMED", () -> assertUnchanged(() -> assertProblem(
                send("GET", "/admin/dead-letters?size=1000000", admin, null, null), 400, "MALFORMED"))));
        other.add(test("registry search size 1000000 -> 400 MALFORMED", () -> assertUnchanged(() -> assertProblem(
                send("GET", "/admin/registry/participants?size=1000000", admin, null, null), 400, "MALFORMED"))));
        other.add(test("registry export of an unknown kind -> 400 MALFORMED", () -> assertUnchanged(() -> assertProblem(
                send("GET", "/admin/registry/export?kind=ROOT", admin, null, null), 400, "MALFORMED"))));
        other.add(test("registry export with a region that is not digits -> 400 MALFORMED", () -> assertUnchanged(() -> assertProblem(
                send("GET", "/admin/registry/export?region=11%25", admin, null, null), 400, "MALFORMED"))));
        other.add(test("suspend an unknown participant -> 404 NOT_FOUND", () -> assertUnchanged(() -> assertProblem(
                send("POST", "/admin/registry/participants/NO-SUCH-" + tag() + "/suspend", admin, null, null), 404, "NOT_FOUND"))));
        other.add(test("read an unknown participant -> 404 NOT_FOUND", () -> assertUnchanged(() -> assertProblem(
                send("GET", "/admin/registry/participants/NO-SUCH-" + tag(), admin, null, null), 404, "NOT_FOUND"))));
        other.add(test("put a participant whose body names another code -> 422 SCHEMA_VIOLATION", () -> assertUnchanged(() -> assertProblem(
                send("PUT", "/admin/registry/participants/HOSTILE-" + tag(), admin, "application/json",
                        "{\"code\":\"HOSTILE-OTHER\",\"kind\":\"PARTNER\",\"name\":\"x\",\"region\":\"110105\",\"channel\":\"QUEUE\",\"status\":\"ACTIVE\"}"),
                422, "SCHEMA_VIOLATION"))));
        nodes.add(DynamicContainer.dynamicContainer("admin requests with the right token, malformed", other));

        nodes.add(test("afterwards: readiness UP, the admin API answers the right token", () -> {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(send("GET", "/admin/registry/participants/" + code, admin, null, null).statusCode()).isEqualTo(200);
        }));
        return nodes.stream();
    }

    private String path(String template) {
        return template.replace("{code}", code).replace("{serial}", serial).replace("{id}", UUID.randomUUID().toString());
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private void csvCase(List<DynamicNode> t, String name, String body) {
        csvCase(t, name, "", body, StandardCharsets.UTF_8);
    }

    /** A CSV import with the right token: 422 with a report that imported nothing and names at least one error. */
    private void csvCase(List<DynamicNode> t, String name, String header, String body, Charset charset) {
        t.add(test("CSV import, " + name + " -> 422, nothing imported", () -> assertUnchanged(() -> {
            byte[] bytes = HostileInputIT.concat(header.getBytes(StandardCharsets.UTF_8), body.getBytes(charset));
            HttpResponse<String> r = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/registry/import"))
                    .header("Authorization", adminAuth()).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            JsonNode report = JSON.readTree(r.body());
            assertThat(report.path("imported").asLong()).isZero();
            // each refused line is listed (a header alone has none: nothing to import)
            assertThat(report.path("errors").size() > 0 || report.path("linesRead").asLong() == 0).as(r.body()).isTrue();
        })));
    }

    /** What an admin request could change: participants, certificate records, hub signing certificates. */
    private List<Long> state() {
        return List.of(jdbc.queryForObject("select count(*) from participants", Long.class),
                jdbc.queryForObject("select count(*) from certificates", Long.class),
                jdbc.queryForObject("select count(*) from certificates where status = 'REVOKED'", Long.class),
                (long) hubKeys.signingCertificates().size(),
                jdbc.queryForObject("select count(*) from participants where status <> 'ACTIVE'", Long.class));
    }

    private void assertUnchanged(ThrowingRunnable r) throws Exception {
        List<Long> before = state();
        r.run();
        assertThat(state()).as("participants, certificates, revoked, hub signing certificates, not active").isEqualTo(before);
    }

    /** A runnable that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private HttpResponse<String> send(String method, String path, String authorization, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tlsBase() + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return https().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertProblem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body()).startsWith("application/problem+json");
        assertThat(JSON.readTree(r.body()).path("code").asText()).isEqualTo(code);
    }

    /** One of the statuses, as problem+json: a path the hub does not serve, or serves only with the token. */
    private static void assertProblem(HttpResponse<String> r, int... statuses) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isIn(java.util.Arrays.stream(statuses).boxed().toList());
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body()).startsWith("application/problem+json");
    }
}
