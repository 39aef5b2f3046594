package cn.courtmediation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.CourtLevel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTls;
import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.trust.CertificateAuthority;
import cn.courtmediation.hub.trust.CertificateStore;
import cn.courtmediation.hub.trust.SignatureSuite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every read endpoint (REST status, evidence, recipients, timeline, statistics; SOAP GetMessageStatus) asked by each
 * kind of caller, with real HTTPS clients: the message's sender and recipient and an operator read it; another court
 * and another partner get the NOT_FOUND of an unknown id, body for body; no credentials and a revoked certificate get
 * 401. Statistics answer every authenticated caller, within its scope.
 */
class ReadAccessMatrixIT extends HubIntegrationTest {

    /** Who asks. */
    enum Who { OWNER, RECIPIENT, OTHER_COURT, OTHER_PARTNER, NO_CREDENTIALS, REVOKED_CERTIFICATE, OPERATOR_VIEWER }

    private final String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private String court;
    private String partner;
    private String otherCourt;
    private String otherPartner;
    private String shanghaiCourt;
    private String messageId;
    private String caseId;

    @BeforeAll
    void dispatchOneCaseEach() throws Exception {
        court = newCourt("RAM-A", Channel.REST); // region 110105, Beijing
        otherCourt = newCourt("RAM-B", Channel.REST);
        partner = newPartner("RAM-P");
        otherPartner = newPartner("RAM-Q");
        shanghaiCourt = "RAM-SH-" + tag;
        registry.upsert(new Participant(shanghaiCourt, Kind.COURT, "上海测试法院", "310101", null, Channel.REST,
                courts.restUrl(shanghaiCourt), Status.ACTIVE));
        ObjectNode dispatch = TestMessages.fresh("case-dispatch.json", court, partner);
        messageId = dispatch.get("messageId").asText();
        caseId = dispatch.get("caseId").asText();
        submit(dispatch);
        submit(TestMessages.fresh("case-dispatch.json", shanghaiCourt, partner));
    }

    private void submit(ObjectNode m) throws Exception {
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign(m.get("sender").asText(), body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = m.get("caseId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from cases where case_id = ? and dispatched_at is not null", Integer.class, id) == 1);
    }

    private HttpResponse<String> get(Who who, String path) throws Exception {
        return switch (who) {
            case OWNER -> getAs(court, path);
            case RECIPIENT -> getAs(partner, path);
            case OTHER_COURT -> getAs(otherCourt, path);
            case OTHER_PARTNER -> getAs(otherPartner, path);
            case NO_CREDENTIALS -> getWithoutCredentials(path);
            case REVOKED_CERTIFICATE -> getWithRevokedCertificate(court, path);
            case OPERATOR_VIEWER -> getAsOperator(Caller.Role.VIEWER, path);
        };
    }

    /** The status and problem code each caller gets for a message or case read. */
    private static Map.Entry<Integer, String> expectedForMessageOrCase(Who who) {
        return switch (who) {
            case OWNER, RECIPIENT, OPERATOR_VIEWER -> Map.entry(200, "");
            case OTHER_COURT, OTHER_PARTNER -> Map.entry(404, "NOT_FOUND");
            case NO_CREDENTIALS, REVOKED_CERTIFICATE -> Map.entry(401, "UNAUTHORIZED");
        };
    }

    @TestFactory
    Stream<DynamicTest> everyMessageAndCaseReadAnswersEachCallerExactlyAsSpecified() {
        Map<String, String> reads = Map.of(
                "status", "/api/v1/messages/%s",
                "evidence", "/api/v1/messages/%s/evidence",
                "recipients", "/api/v1/messages/%s/recipients",
                "timeline", "/api/v1/cases/%s/timeline");
        List<DynamicTest> tests = new ArrayList<>();
        reads.forEach((read, path) -> {
            for (Who who : Who.values()) {
                Map.Entry<Integer, String> expected = expectedForMessageOrCase(who);
                tests.add(dynamicTest(read + " as " + who + " -> " + expected.getKey() + " " + expected.getValue(), () -> {
                    String target = String.format(path, "timeline".equals(read) ? caseId : messageId);
                    HttpResponse<String> r = get(who, target);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(expected.getKey());
                    JsonNode body = JSON.readTree(r.body());
                    if (expected.getKey() == 200) {
                        assertThat(body.has("code")).as(r.body()).isFalse();
                        assertThat(r.body()).contains("timeline".equals(read) ? caseId : messageId);
                    } else {
                        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                        assertThat(body.path("code").asText()).as(r.body()).isEqualTo(expected.getValue());
                        assertThat(r.body()).doesNotContain(court + "\"").doesNotContain(partner + "\"");
                    }
                }));
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> aForbiddenReadAnswersWhatAnUnknownIdAnswersBodyForBody() {
        String unknownMessage = UUID.randomUUID().toString();
        String unknownCase = court + "-IT-" + UUID.randomUUID().toString().substring(0, 18);
        return Stream.of("/api/v1/messages/%s", "/api/v1/messages/%s/evidence", "/api/v1/messages/%s/recipients", "/api/v1/cases/%s/timeline")
                .flatMap(path -> Stream.of(Who.OTHER_COURT, Who.OTHER_PARTNER).map(who -> dynamicTest(path + " as " + who, () -> {
                    boolean isCase = path.contains("/cases/");
                    String known = isCase ? caseId : messageId;
                    String unknown = isCase ? unknownCase : unknownMessage;
                    HttpResponse<String> forbidden = get(who, String.format(path, known));
                    HttpResponse<String> missing = get(who, String.format(path, unknown));
                    assertThat(forbidden.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
                    assertThat(forbidden.headers().firstValue("Content-Type")).isEqualTo(missing.headers().firstValue("Content-Type"));
                    assertThat(forbidden.body().replace(known, "{id}")).isEqualTo(missing.body().replace(unknown, "{id}"));
                })));
    }

    @TestFactory
    Stream<DynamicTest> statisticsAnswerEveryAuthenticatedCallerWithinItsScopeAndNoOneElse() {
        record Expected(int status, String code, long dispatched, String scope) {
        }
        Map<Who, Expected> expected = Map.of(
                Who.OWNER, new Expected(200, null, 1, "COURT"),
                Who.RECIPIENT, new Expected(200, null, 1, "MEDIATOR"),
                Who.OTHER_COURT, new Expected(200, null, 0, "COURT"),
                Who.OTHER_PARTNER, new Expected(200, null, 0, "MEDIATOR"),
                Who.NO_CREDENTIALS, new Expected(401, "UNAUTHORIZED", 0, null),
                Who.REVOKED_CERTIFICATE, new Expected(401, "UNAUTHORIZED", 0, null),
                Who.OPERATOR_VIEWER, new Expected(200, null, 1, "NATION"));
        return Stream.of(Who.values()).map(who -> dynamicTest("statistics?court=<the owner> as " + who, () -> {
            Expected e = expected.get(who);
            HttpResponse<String> r = get(who, "/api/v1/statistics?court=" + court);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(e.status());
            JsonNode body = JSON.readTree(r.body());
            if (e.status() == 200) {
                assertThat(body.path("dispatched").asLong()).as(r.body()).isEqualTo(e.dispatched());
                assertThat(body.path("scope").path("kind").asText()).as(r.body()).isEqualTo(e.scope());
            } else {
                assertThat(body.path("code").asText()).as(r.body()).isEqualTo(e.code());
            }
        }));
    }

    @Test
    void aHighCourtCountsItsProvincesCourtsAndNotAnotherProvinces() throws Exception {
        String high = "RAM-H11-" + tag;
        registry.upsert(new Participant(high, Kind.COURT, "北京市高级人民法院", "110000", null, Channel.REST, courts.restUrl(high),
                Status.ACTIVE, CourtLevel.HIGH, null, null, null));
        JsonNode beijing = statistics(high, "court=" + court);
        assertThat(beijing.path("dispatched").asLong()).as(beijing.toString()).isEqualTo(1);
        assertThat(beijing.path("scope").path("kind").asText()).isEqualTo("REGION");
        assertThat(beijing.path("scope").path("region").asText()).isEqualTo("11");
        assertThat(statistics(high, "court=" + shanghaiCourt).path("dispatched").asLong()).isZero();
        assertThat(statistics(high, "region=31").path("dispatched").asLong()).as("a filter outside the scope counts nothing").isZero();
        // the Shanghai case exists: the nation sees it
        assertThat(JSON.readTree(getAsOperator(Caller.Role.VIEWER, "/api/v1/statistics?court=" + shanghaiCourt).body())
                .path("dispatched").asLong()).isEqualTo(1);
    }

    @Test
    void anIntermediateCourtCountsItsDistrictAndTheSupremePeoplesCourtTheNation() throws Exception {
        String intermediate = "RAM-I1101-" + tag;
        String supreme = "RAM-SPC-" + tag;
        registry.upsert(new Participant(intermediate, Kind.COURT, "北京市第二中级人民法院", "110100", null, Channel.REST,
                courts.restUrl(intermediate), Status.ACTIVE, CourtLevel.INTERMEDIATE, null, null, null));
        registry.upsert(new Participant(supreme, Kind.COURT, "最高人民法院", "100000", null, Channel.REST, courts.restUrl(supreme),
                Status.ACTIVE, CourtLevel.SUPREME, null, null, null));
        JsonNode district = statistics(intermediate, "court=" + court);
        assertThat(district.path("dispatched").asLong()).as(district.toString()).isEqualTo(1);
        assertThat(district.path("scope").path("region").asText()).isEqualTo("1101");
        assertThat(statistics(intermediate, "court=" + shanghaiCourt).path("dispatched").asLong()).isZero();
        JsonNode nation = statistics(supreme, "court=" + shanghaiCourt);
        assertThat(nation.path("dispatched").asLong()).isEqualTo(1);
        assertThat(nation.path("scope").path("kind").asText()).isEqualTo("NATION");
    }

    @Test
    void aBasicCourtAskingForAnotherCourtsFiguresGetsItsOwnScopeAndNothingCounted() throws Exception {
        JsonNode s = statistics(court, "court=" + shanghaiCourt);
        assertThat(s.path("dispatched").asLong()).isZero();
        assertThat(s.path("scope").path("kind").asText()).isEqualTo("COURT");
        assertThat(s.path("scope").path("court").asText()).isEqualTo(court);
        assertThat(s.path("filters").path("court").asText()).isEqualTo(shanghaiCourt);
    }

    @Test
    void theCorrespondentsOfACaseNotDispatchedReadItsTimelineAndNoOneElse() throws Exception {
        ObjectNode notice = TestMessages.fresh("notice.json", otherCourt, otherPartner);
        String freeCase = notice.get("caseId").asText();
        byte[] body = TestMessages.bytes(notice);
        HttpResponse<String> accepted = postMessage(body, signers.sign(otherCourt, body));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String path = "/api/v1/cases/" + freeCase + "/timeline";
        assertThat(getAs(otherCourt, path).statusCode()).as("its sender").isEqualTo(200);
        assertThat(getAs(otherPartner, path).statusCode()).as("its recipient").isEqualTo(200);
        HttpResponse<String> outsider = getAs(court, path);
        assertThat(outsider.statusCode()).as(outsider.body()).isEqualTo(404);
        assertThat(JSON.readTree(outsider.body()).path("code").asText()).isEqualTo("NOT_FOUND");
    }

    private JsonNode statistics(String caller, String query) throws Exception {
        HttpResponse<String> r = getAs(caller, "/api/v1/statistics?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    // ---- SOAP GetMessageStatus ----

    private static String statusEnvelope(String id) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:hub=\"urn:courtmediation:hub:soap:v1\">"
                + "<soapenv:Body><hub:GetMessageStatusRequest><hub:messageId>" + id + "</hub:messageId></hub:GetMessageStatusRequest>"
                + "</soapenv:Body></soapenv:Envelope>";
    }

    private HttpResponse<String> soap(Who who, String envelope) throws Exception {
        return switch (who) {
            case OWNER -> postSoapAs(court, envelope);
            case RECIPIENT -> postSoapAs(partner, envelope);
            case OTHER_COURT -> postSoapAs(otherCourt, envelope);
            case OTHER_PARTNER -> postSoapAs(otherPartner, envelope);
            case NO_CREDENTIALS -> postSoap(envelope);
            case REVOKED_CERTIFICATE -> postSoapWithRevokedCertificate(court, envelope);
            case OPERATOR_VIEWER -> postSoapAsOperator(Caller.Role.VIEWER, envelope);
        };
    }

    /** A SOAP call on the HTTPS port as an operator of the role (bearer token). */
    private HttpResponse<String> postSoapAsOperator(Caller.Role role, String envelope) throws Exception {
        return https().send(soapRequest(envelope).header("Authorization", operator(role)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A SOAP call on the HTTPS port with a fresh certificate of the participant that the hub has revoked. */
    private HttpResponse<String> postSoapWithRevokedCertificate(String participantCode, String envelope) throws Exception {
        CertificateAuthority.Credentials c = ca.sandbox(participantCode, SignatureSuite.ECDSA_P256_SHA256);
        assertThat(admin("POST", "/admin/pki/certificates/" + CertificateStore.serialOf(c.certificate()) + "/revoke", "{\"reason\":\"test\"}")
                .statusCode()).isEqualTo(200);
        return HubTls.client(hubKeys.caCertificate(), c.keyPair().getPrivate(), c.certificate())
                .send(soapRequest(envelope).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder soapRequest(String envelope) {
        return HttpRequest.newBuilder(URI.create(tlsBase() + "/services/CaseExchange")).header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope));
    }

    private static String faultCode(String body) {
        return body.replaceAll("(?s).*<(?:\\w+:)?code>([A-Z_]+)</(?:\\w+:)?code>.*", "$1");
    }

    @TestFactory
    Stream<DynamicTest> getMessageStatusAnswersEachCallerExactlyAsSpecified() {
        return Stream.of(Who.values()).map(who -> dynamicTest("GetMessageStatus as " + who, () -> {
            HttpResponse<String> r = soap(who, statusEnvelope(messageId));
            switch (expectedForMessageOrCase(who).getKey()) {
                case 200 -> {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    assertThat(r.body()).contains("GetMessageStatusResponse").contains(messageId);
                }
                case 404 -> {
                    // a SOAP fault is HTTP 500 (WS-I BP); the code says NOT_FOUND
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
                    assertThat(faultCode(r.body())).isEqualTo("NOT_FOUND");
                    assertThat(r.body()).doesNotContain(court).doesNotContain(partner);
                }
                default -> {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
                    assertThat(r.body()).contains("Fault");
                    if (who == Who.NO_CREDENTIALS) {
                        assertThat(faultCode(r.body())).isEqualTo("UNAUTHORIZED");
                    }
                }
            }
        }));
    }

    @Test
    void getMessageStatusOfAForbiddenMessageAnswersTheFaultOfAnUnknownOne() throws Exception {
        String unknown = UUID.randomUUID().toString();
        HttpResponse<String> forbidden = soap(Who.OTHER_COURT, statusEnvelope(messageId));
        HttpResponse<String> missing = soap(Who.OTHER_COURT, statusEnvelope(unknown));
        assertThat(forbidden.statusCode()).isEqualTo(missing.statusCode());
        assertThat(forbidden.body().replace(messageId, "{id}")).isEqualTo(missing.body().replace(unknown, "{id}"));
    }

    @Test
    void getMessageStatusWithoutCredentialsIsNotKeptAsARefusedSubmission() throws Exception {
        int before = jdbc.queryForObject("select count(*) from quarantine where code = 'UNAUTHORIZED'", Integer.class);
        assertThat(faultCode(soap(Who.NO_CREDENTIALS, statusEnvelope(messageId)).body())).isEqualTo("UNAUTHORIZED");
        assertThat(jdbc.queryForObject("select count(*) from quarantine where code = 'UNAUTHORIZED'", Integer.class)).isEqualTo(before);
    }
}
