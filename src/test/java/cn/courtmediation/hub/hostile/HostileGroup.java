package cn.courtmediation.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.support.TestSigners;
import cn.courtmediation.hub.trust.CertificateStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * The machinery of the hostile-input corpus on the shared hub: the parties of a channel group, submitting on REST, SOAP
 * and a partner's AMQP address and reading back the code, and the checks after each case (the documented code, nothing
 * accepted from or to the group's participants, nothing delivered to its courts) and after each group (readiness UP,
 * a valid submission on the channel still accepted and delivered).
 */
abstract class HostileGroup extends HubIntegrationTest {
    /** Not an error code: the broker refused the partner's login (JMSSecurityException), so nothing reached the hub. */
    static final String BROKER_LOGIN_REFUSED = "BROKER_LOGIN_REFUSED";
    private static final Pattern SOAP_CODE = Pattern.compile("<code>([A-Z_]+)</code>");

    /** Participants made by this class: messages from or to them are this class's. */
    final List<String> mine = new ArrayList<>();

    // ---- parties ----

    String court(String prefix) {
        String code = newCourt(prefix, Channel.REST);
        mine.add(code);
        return code;
    }

    String partner(String prefix) {
        String code = newPartner(prefix);
        mine.add(code);
        return code;
    }

    String participant(String prefix, Kind kind, String parent, Channel channel, Status status) {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        registry.upsert(new Participant(code, kind, "恶意输入测试", "110105", parent, channel,
                channel == Channel.QUEUE ? null : courts.restUrl(code), status));
        mine.add(code);
        return code;
    }

    void suspend(String code) {
        Participant p = registry.find(code).orElseThrow();
        registry.upsert(new Participant(p.code(), p.kind(), p.name(), p.region(), p.parentCode(), p.channel(), p.endpoint(), Status.SUSPENDED));
    }

    /** The parties of a channel group, with the sender's special certificates and one accepted message for the replays. */
    Parties parties(Ch ch) throws Exception {
        Parties p = new Parties();
        p.channel = ch;
        p.recipient = court("HR");
        if (ch == Ch.AMQP) {
            p.sender = partner("HA");
            p.other = partner("HO");
            p.suspended = partner("HS");
            signers.of(p.suspended);
            suspend(p.suspended);
            p.restricted = p.sender;
            p.forbiddenRecipient = partner("HF");
        } else {
            p.sender = court("HC");
            p.other = court("HO");
            p.suspended = participant("HS", Kind.COURT, null, Channel.REST, Status.ACTIVE);
            signers.of(p.suspended);
            suspend(p.suspended);
            p.restricted = participant("HG", Kind.GRASSROOTS_UNIT, p.sender, Channel.REST, Status.ACTIVE);
            p.forbiddenRecipient = p.recipient;
        }
        p.own = signers.of(p.sender);
        p.otherSigner = signers.of(p.other);
        p.suspendedSigner = signers.of(p.suspended);
        p.restrictedSigner = signers.of(p.restricted);
        p.expired = withCertificate(p, Instant.now().minus(Duration.ofDays(400)), Duration.ofDays(30));
        p.notYetValid = withCertificate(p, Instant.now().plus(Duration.ofDays(2)), Duration.ofDays(30));
        p.established = withCertificate(p, Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(365));
        p.revoked = withCertificate(p, Instant.now().minus(Duration.ofMinutes(5)), Duration.ofDays(30));
        HttpResponse<String> revoke = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/pki/certificates/"
                        + CertificateStore.serialOf(p.revoked.certificate()) + "/revoke?reason=keyCompromise"))
                .header("Authorization", adminAuth()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
        p.accepted = p.notice();
        assertStillServed(p, p.accepted);
        return p;
    }

    private TestSigners.Signer withCertificate(Parties p, Instant from, Duration period) {
        X509Certificate cert = ca.issue(p.sender, p.own.certificate().getPublicKey(), from, period);
        return new TestSigners.Signer(p.own.key(), cert, p.own.suite());
    }

    // ---- submitting ----

    /** Submits on the channel and answers what came back: ACCEPTED or the refusal code (checking the channel's form of it). */
    String submit(Parties p, Submission s) throws Exception {
        return switch (p.channel) {
            case REST -> restCode(postMessage(s.payload(), s.signature()));
            case SOAP -> soapCode(postSoap(soapSubmitEnvelope(Base64.getEncoder().encodeToString(s.payload()), xml(s.signature()))));
            case AMQP -> {
                String from = s.from() == null ? p.sender : s.from();
                try {
                    amqp.sendBytes("partner." + from + ".to-hub", s.payload(), s.signature());
                } catch (jakarta.jms.JMSSecurityException refused) {
                    yield BROKER_LOGIN_REFUSED;
                }
                yield queueCode(from);
            }
        };
    }

    /** problem+json with the status of its code; "ACCEPTED" for a 202; otherwise what it was, so the case fails saying so. */
    static String restCode(HttpResponse<String> r) throws Exception {
        if (r.statusCode() == 202) {
            return "ACCEPTED";
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "HTTP " + r.statusCode() + " " + type + " " + r.body().substring(0, Math.min(200, r.body().length()));
        }
        JsonNode problem = JSON.readTree(r.body());
        String code = problem.path("code").asText();
        assertThat(problem.path("status").asInt()).as("problem status of %s", code).isEqualTo(r.statusCode());
        assertThat(problem.path("type").asText()).isEqualTo("urn:courtmediation:problem:" + code);
        assertThat(r.statusCode()).as("HTTP status of %s", code)
                .isEqualTo(cn.courtmediation.hub.error.ErrorCode.valueOf(code).httpStatus());
        return code;
    }

    /** A SOAP fault's HubFaultDetail code (soap:Client, HTTP 500); "ACCEPTED" for a SubmitMessageResponse. */
    static String soapCode(HttpResponse<String> r) {
        if (r.statusCode() == 200 && r.body().contains("SubmitMessageResponse")) {
            return "ACCEPTED";
        }
        Matcher m = SOAP_CODE.matcher(r.body());
        if (r.statusCode() != 500 || !m.find() || !r.body().contains("<faultcode>soap:Client</faultcode>")) {
            return "HTTP " + r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + " "
                    + r.body().substring(0, Math.min(300, r.body().length()));
        }
        return m.group(1);
    }

    /** The REJECTION's code on the partner's from-hub address, or what came instead (an EVIDENCE: it was accepted). */
    String queueCode(String partner) throws Exception {
        Message answer = amqp.receive("partner." + partner + ".from-hub", 15_000);
        if (answer == null) {
            return "NO ANSWER on partner." + partner + ".from-hub within 15 s";
        }
        String type = answer.getStringProperty("hubType");
        if (!"REJECTION".equals(type)) {
            return "ACCEPTED (" + type + ")";
        }
        JsonNode rejection = JSON.readTree(((TextMessage) answer).getText());
        assertThat(answer.getStringProperty("hubCode")).isEqualTo(rejection.path("code").asText());
        return rejection.path("code").asText();
    }

    static String xml(String s) {
        return s == null ? null : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---- checks ----

    long acceptedFromOrToMine() {
        String in = String.join(",", mine.stream().map(c -> "'" + c + "'").toList());
        // the hub's EVIDENCE pushes about what the corpus's participants sent earlier come and go: not counted
        return jdbc.queryForObject("select count(*) from messages where type <> 'EVIDENCE' and (sender in (" + in + ") or recipient in ("
                + in + "))", Long.class);
    }

    int deliveredToMine() {
        return mine.stream().mapToInt(c -> courts.receivedBy(c).size()).sum();
    }

    /** Runs one case: the documented code, nothing accepted from or to the group's participants, nothing delivered to them. */
    void assertRefused(String expected, ThrowingSupplier<String> submission) throws Exception {
        long accepted = acceptedFromOrToMine();
        int delivered = deliveredToMine();
        assertThat(submission.get()).as("the answer").isEqualTo(expected);
        assertThat(acceptedFromOrToMine()).as("messages accepted from or to the corpus participants").isEqualTo(accepted);
        assertThat(deliveredToMine()).as("deliveries to the corpus participants").isEqualTo(delivered);
    }

    /** After a group: readiness UP, and a valid message on the channel is accepted and delivered. */
    void assertStillServed(Parties p, ObjectNode valid) throws Exception {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).path("status").asText()).isEqualTo("UP");
        int before = courts.receivedBy(p.recipient).size();
        int senderBefore = courts.receivedBy(p.sender).size();
        byte[] b = TestMessages.bytes(valid);
        switch (p.channel) {
            case REST -> assertThat(restCode(postMessage(b, p.own.sign(b)))).isEqualTo("ACCEPTED");
            case SOAP -> assertThat(soapCode(postSoap(soapSubmitEnvelope(Base64.getEncoder().encodeToString(b), p.own.sign(b)))))
                    .isEqualTo("ACCEPTED");
            case AMQP -> amqp.sendBytes("partner." + p.sender + ".to-hub", b, p.own.sign(b));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> courts.receivedBy(p.recipient).size() == before + 1);
        if (p.channel != Ch.AMQP) {
            // and the DELIVERED evidence pushed back to the sending court: arriving later, it was counted as a delivery
            // during the next case (seen on a loaded machine: "deliveries to the corpus participants expected 2 but was 3")
            await().atMost(Duration.ofSeconds(20)).until(() -> courts.receivedBy(p.sender).size() == senderBefore + 1);
        }
        if (p.channel == Ch.AMQP) {
            // the DELIVERED evidence of the valid message, so that the next case's answer is its own
            Message evidence = amqp.receive("partner." + p.sender + ".from-hub", 15_000);
            assertThat(evidence).isNotNull();
            assertThat(evidence.getStringProperty("hubType")).isEqualTo("EVIDENCE");
        }
    }

    // ---- dynamic tests ----

    /** The cases of the tables for a channel, grouped by category, each named, then the "still served" check. */
    Stream<DynamicNode> channelGroup(Ch ch, List<HostileCase> cases, List<DynamicNode> extra) throws Exception {
        Parties p = parties(ch);
        Map<String, List<DynamicNode>> byCategory = new LinkedHashMap<>();
        for (HostileCase c : cases) {
            String expected = c.expected().get(ch);
            if (expected == null) {
                continue;
            }
            String name = c.name() + " -> " + expected;
            byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(DynamicTest.dynamicTest(name, () -> {
                try {
                    assertRefused(expected, () -> submit(p, c.input().apply(p)));
                } catch (AssertionError e) {
                    // the reports name dynamic tests by index: say which case it was
                    throw new AssertionError(ch + " / " + c.category() + " / " + name + ": " + e.getMessage(), e);
                }
            }));
        }
        List<DynamicNode> nodes = new ArrayList<>();
        byCategory.forEach((category, tests) -> nodes.add(DynamicContainer.dynamicContainer(category, tests)));
        nodes.addAll(extra);
        nodes.add(DynamicTest.dynamicTest("afterwards: readiness UP, a valid " + ch + " submission accepted and delivered",
                () -> assertStillServed(p, p.notice())));
        return nodes.stream();
    }

    /** A named dynamic test whose failure message says its name (the reports name dynamic tests by index). */
    static DynamicTest test(String name, Executable e) {
        return DynamicTest.dynamicTest(name, () -> {
            try {
                e.execute();
            } catch (AssertionError a) {
                throw new AssertionError(name + ": " + a.getMessage(), a);
            }
        });
    }

    /** A supplier that may throw. */
    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    /** Sends raw text as the body of a REST POST with the given content type and signature. */
    HttpResponse<String> post(String path, String contentType, byte[] body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (signature != null) {
            b.header("X-Hub-Signature", signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
