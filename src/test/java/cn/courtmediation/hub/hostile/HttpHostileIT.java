package cn.courtmediation.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.TestMessages;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * HTTP resource abuse (issue 12 item 3, and the 16000-character signature of item 1): the comment above each case says
 * what the hub answered before the fix.
 */
class HttpHostileIT extends HostileGroup {

    @TestFactory
    Stream<DynamicNode> http() throws Exception {
        Parties p = parties(Ch.REST);
        List<DynamicNode> t = new ArrayList<>();
        // today: Tomcat's HTML 400 (headers over 8 KB)
        t.add(test("REST: a 17000-character X-Hub-Signature -> 401 SIGNATURE_INVALID problem+json", () -> assertRefused("SIGNATURE_INVALID",
                () -> {
                    byte[] b = TestMessages.bytes(p.notice());
                    return restCode(postMessage(b, Base64.getEncoder().encodeToString("x".repeat(12_750).getBytes(StandardCharsets.UTF_8))));
                })));
        // today: 500 with a Whitelabel page and a stack trace
        t.add(test("REST: signed JSON sent as application/x-www-form-urlencoded -> 415 UNSUPPORTED_MEDIA_TYPE problem+json",
                () -> assertRefused("UNSUPPORTED_MEDIA_TYPE", () -> {
                    byte[] b = TestMessages.bytes(p.notice());
                    return restCode(post("/api/v1/messages", "application/x-www-form-urlencoded", b, p.own.sign(b)));
                })));
        // today: accepted
        for (String type : new String[] {"application/json", "text/plain"}) {
            t.add(test("SOAP: a signed SubmitMessage sent as " + type + " -> UNSUPPORTED_MEDIA_TYPE SOAP fault",
                    () -> assertRefused("UNSUPPORTED_MEDIA_TYPE", () -> {
                        byte[] b = TestMessages.bytes(p.notice());
                        return soapCode(post("/services/CaseExchange", type,
                                soapSubmitEnvelope(Base64.getEncoder().encodeToString(b), p.own.sign(b)).getBytes(StandardCharsets.UTF_8), null));
                    })));
        }
        // today: silence for 30 s, then a bare 503
        t.add(test("REST: Content-Length 2000000 with 100 bytes sent -> 413 PAYLOAD_TOO_LARGE problem+json within 5 s", () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(5_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Hub-Signature: eA==\r\n"
                        + "Content-Length: 2000000\r\n\r\n" + "{".repeat(100)).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String head = new String(in.readNBytes(400), StandardCharsets.ISO_8859_1);
                assertThat(head).startsWith("HTTP/1.1 413").contains("application/problem+json");
            }
        }));
        // today: 400 application/json (Spring's error body, not problem+json)
        t.add(test("admin: PUT a participant with broken JSON -> 400 MALFORMED problem+json", () -> HostileAdminIT.assertProblem(
                https().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(tlsBase() + "/admin/registry/participants/HOSTILE-X"))
                        .header("Authorization", adminAuth()).header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"code\":")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()), 400, "MALFORMED")));
        // today: the whole payload is kept
        t.add(test("REST: an unsigned 60000-byte refusal is quarantined as a bounded prefix and a hash, not whole", () -> {
            byte[] b = PayloadCases.padded(p, 60_000).payload();
            assertRefused("SIGNATURE_MISSING", () -> restCode(postMessage(b, null)));
            Integer kept = jdbc.queryForObject("select max(length(payload)) from quarantine where message_id = ?", Integer.class,
                    TestMessages.messageId(b));
            assertThat(kept).isLessThan(b.length);
        }));
        return t.stream();
    }
}
