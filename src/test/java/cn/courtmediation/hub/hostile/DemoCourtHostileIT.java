package cn.courtmediation.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The demo court inside the hub (issue 12 item 5): a delivery without the hub's signature is refused (401 problem+json
 * on REST, a SOAP fault on SOAP), never stored; the inbox is served to an operator only. Before the fix anyone's unsigned
 * delivery was stored and the inbox was served to anyone.
 */
class DemoCourtHostileIT extends HostileGroup {
    private static final List<Integer> REFUSED = List.of(401, 403, 404);

    @TestFactory
    Stream<DynamicNode> demoCourt() {
        return Stream.of(
                test("POST /demo-court/rest/C110105, unsigned, X-Hub-Sender: PBOC, {} -> refused, not in the inbox", () -> {
                    String marker = "hostile-" + java.util.UUID.randomUUID();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/demo-court/rest/C110105"))
                            .header("Content-Type", "application/json").header("X-Hub-Sender", "PBOC")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"marker\":\"" + marker + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(r.body()).isIn(REFUSED);
                    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                    HttpResponse<String> inbox = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/demo-court/inbox")).header("Authorization", adminAuth()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(inbox.body()).doesNotContain(marker);
                }),
                test("SOAP DeliverMessage to /services/demo-court/CourtResult, unsigned -> a fault, not accepted", () -> {
                    String env = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:hub=\"urn:courtmediation:hub:soap:v1\">"
                            + "<soapenv:Body><hub:DeliverMessageRequest><hub:messageId>x</hub:messageId><hub:type>NOTICE</hub:type><hub:sender>PBOC</hub:sender>"
                            + "<hub:recipient>C110105</hub:recipient><hub:caseId>x</hub:caseId><hub:payload>e30=</hub:payload>"
                            + "<hub:payloadSha256>44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a</hub:payloadSha256>"
                            + "<hub:hubSignature>eA==</hub:hubSignature>"
                            + "</hub:DeliverMessageRequest></soapenv:Body></soapenv:Envelope>";
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/services/demo-court/CourtResult"))
                            .header("Content-Type", "text/xml; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(env)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.body()).doesNotContain("<accepted>true</accepted>");
                    assertThat(r.statusCode()).as(r.body()).isNotEqualTo(200);
                }),
                test("GET /demo-court/inbox without the operator's token -> 401 UNAUTHORIZED (or 404)", () -> {
                    HttpResponse<String> r = getWithoutCredentials("/demo-court/inbox");
                    assertThat(r.statusCode()).as(r.body().substring(0, Math.min(300, r.body().length()))).isIn(401, 404);
                    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                }));
    }
}
