package cn.courtmediation.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.support.TestMessages;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile-input corpus (issue 12 item 6) on REST, SOAP and the partner queues: the payload and signature tables
 * (PayloadCases, SignatureCases) on every channel, and what only one channel has (HTTP content types, methods and
 * paths; XML attacks; AMQP body types). Each case is refused with its documented code, nothing from or to the
 * corpus's participants is accepted or delivered, and after each channel's group readiness is UP and a valid
 * submission is accepted and delivered. The admin API's cases are HostileAdminIT's; what issue 12 fixed has groups of
 * its own (QueueHostileIT, HttpHostileIT, RulesHostileIT, DemoCourtHostileIT, CorpusFindingsHostileIT).
 */
class HostileInputIT extends HostileGroup {

    static List<HostileCase> tables() {
        List<HostileCase> all = new ArrayList<>(PayloadCases.all());
        all.addAll(SignatureCases.all());
        return all;
    }

    @TestFactory
    Stream<DynamicNode> rest() throws Exception {
        return channelGroup(Ch.REST, tables(), List.of(restOnly()));
    }

    @TestFactory
    Stream<DynamicNode> soap() throws Exception {
        return channelGroup(Ch.SOAP, tables(), List.of(soapOnly()));
    }

    @TestFactory
    Stream<DynamicNode> amqp() throws Exception {
        return channelGroup(Ch.AMQP, tables(), List.of(amqpOnly()));
    }

    // ---- REST only: the HTTP request around the payload ----

    private DynamicContainer restOnly() {
        List<DynamicNode> t = new ArrayList<>();
        for (String type : new String[] {"application/xml", "text/plain", "text/json", "application/octet-stream",
                "application/json; charset=gbk", "application/json; charset=iso-8859-1", "application/json; charset=utf-16",
                "multipart/form-data; boundary=x", "application/jsonx", "*/*", "application/*"}) {
            t.add(test("Content-Type " + type + " -> UNSUPPORTED_MEDIA_TYPE", () -> assertRefused("UNSUPPORTED_MEDIA_TYPE",
                    () -> restCode(signedPost(type)))));
        }
        t.add(test("no Content-Type -> UNSUPPORTED_MEDIA_TYPE", () -> assertRefused("UNSUPPORTED_MEDIA_TYPE", () -> restCode(signedPost(null)))));
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            t.add(test(method + " /api/v1/messages -> METHOD_NOT_ALLOWED", () -> assertRefused("METHOD_NOT_ALLOWED",
                    () -> restCode(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/messages"))
                            .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                            HttpResponse.BodyHandlers.ofString())))));
        }
        for (String path : new String[] {"/api/v1/messages/" + UUID.randomUUID(), "/api/v1/messages/%27%20or%20%271%27%3D%271",
                "/api/v1/messages/" + UUID.randomUUID() + "/evidence", "/api/v1/nothing-here", "/api/v2/messages"}) {
            t.add(test("GET " + path + " as an operator -> NOT_FOUND", () -> assertRefused("NOT_FOUND",
                    () -> restCode(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + path)).header("Authorization", viewerAuth()).build(),
                            HttpResponse.BodyHandlers.ofString())))));
        }
        return DynamicContainer.dynamicContainer("HTTP request (REST only)", t);
    }

    private HttpResponse<String> signedPost(String contentType) throws Exception {
        Parties p = restParties();
        byte[] b = TestMessages.bytes(p.notice());
        return post("/api/v1/messages", contentType, b, p.own.sign(b));
    }

    private Parties restParties;

    private Parties restParties() throws Exception {
        if (restParties == null) {
            restParties = new Parties();
            restParties.channel = Ch.REST;
            restParties.sender = court("HX");
            restParties.recipient = court("HXR");
            restParties.own = signers.of(restParties.sender);
        }
        return restParties;
    }

    // ---- SOAP only: the XML around the payload ----

    private static final String ENV_OPEN = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:hub=\"urn:courtmediation:hub:soap:v1\">";

    private DynamicContainer soapOnly() {
        List<DynamicNode> t = new ArrayList<>();
        String status = "<soapenv:Body><hub:GetMessageStatusRequest><hub:messageId>%s</hub:messageId></hub:GetMessageStatusRequest></soapenv:Body></soapenv:Envelope>";
        String submit = "<soapenv:Body><hub:SubmitMessageRequest><hub:payload>%s</hub:payload></hub:SubmitMessageRequest></soapenv:Body></soapenv:Envelope>";
        StringBuilder laughs = new StringBuilder("<!DOCTYPE soapenv:Envelope [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]>");
        xmlCase(t, "XXE: external entity reading /etc/passwd", "MALFORMED",
                "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + ENV_OPEN + status.formatted("&xxe;"));
        xmlCase(t, "XXE: external entity over HTTP", "MALFORMED",
                "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"http://127.0.0.1:1/x\">]>" + ENV_OPEN + submit.formatted("&xxe;"));
        xmlCase(t, "XXE: parameter entity with an external DTD", "MALFORMED",
                "<!DOCTYPE foo [<!ENTITY % dtd SYSTEM \"file:///etc/passwd\"> %dtd;]>" + ENV_OPEN + submit.formatted("eyJ9"));
        xmlCase(t, "XXE: external DTD subset", "MALFORMED",
                "<!DOCTYPE soapenv:Envelope SYSTEM \"file:///etc/passwd\">" + ENV_OPEN + submit.formatted("eyJ9"));
        xmlCase(t, "XXE: entity in the signature header", "MALFORMED",
                "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>" + ENV_OPEN
                        + "<soapenv:Header><hub:HubSignature>&xxe;</hub:HubSignature></soapenv:Header>" + submit.formatted("eyJ9"));
        xmlCase(t, "billion laughs (10^9 expansions)", "MALFORMED", laughs + ENV_OPEN + submit.formatted("&l9;"));
        xmlCase(t, "quadratic blow-up (a 50 KB entity used 1000 times)", "MALFORMED",
                "<!DOCTYPE foo [<!ENTITY a \"" + "a".repeat(50_000) + "\">]>" + ENV_OPEN + submit.formatted("&a;".repeat(1000)));
        xmlCase(t, "internal entity, harmless value", "MALFORMED",
                "<!DOCTYPE foo [<!ENTITY e \"eyJ9\">]>" + ENV_OPEN + submit.formatted("&e;"));
        xmlCase(t, "undeclared entity without a DTD", "MALFORMED", ENV_OPEN + submit.formatted("&e;"));
        xmlCase(t, "XInclude of /etc/passwd", "SCHEMA_VIOLATION", ENV_OPEN + submit.formatted(
                "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>"));
        xmlCase(t, "elements nested 10000 deep", "SCHEMA_VIOLATION", ENV_OPEN + submit.formatted("<a>".repeat(10_000) + "</a>".repeat(10_000)));
        xmlCase(t, "elements nested 25 deep (over the limit of 20)", "SCHEMA_VIOLATION", ENV_OPEN + submit.formatted("<a>".repeat(25) + "</a>".repeat(25)));
        xmlCase(t, "5000 sibling elements", "SCHEMA_VIOLATION", ENV_OPEN + submit.formatted("<a/>".repeat(5000)));
        xmlCase(t, "10000 attributes", "MALFORMED", ENV_OPEN.replace(">", " " + attributes(10_000) + ">") + submit.formatted("eyJ9"));
        xmlCase(t, "not XML", "MALFORMED", "this is not xml");
        xmlCase(t, "empty body", "MALFORMED", "");
        xmlCase(t, "JSON instead of XML", "MALFORMED", "{\"messageId\":\"x\"}");
        xmlCase(t, "unclosed element", "MALFORMED", ENV_OPEN + submit.formatted("eyJ9").replace("</soapenv:Envelope>", ""));
        xmlCase(t, "two root elements", "MALFORMED", ENV_OPEN + submit.formatted("eyJ9") + ENV_OPEN + submit.formatted("eyJ9"));
        xmlCase(t, "SOAP 1.2 envelope", "MALFORMED", "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:hub=\"urn:courtmediation:hub:soap:v1\">" + submit.formatted("eyJ9").replace("soapenv:", "env:"));
        xmlCase(t, "unknown operation", "MALFORMED", ENV_OPEN + "<soapenv:Body><hub:DeleteEverything/></soapenv:Body></soapenv:Envelope>");
        xmlCase(t, "no body", "MALFORMED", ENV_OPEN + "</soapenv:Envelope>");
        xmlCase(t, "operation in another namespace", "MALFORMED", ENV_OPEN
                + "<soapenv:Body><x:SubmitMessageRequest xmlns:x=\"urn:evil\"><x:payload>eyJ9</x:payload></x:SubmitMessageRequest></soapenv:Body></soapenv:Envelope>");
        xmlCase(t, "payload not base64", "SCHEMA_VIOLATION", ENV_OPEN + submit.formatted("!!!not-base64!!!"));
        xmlCase(t, "payload missing", "SCHEMA_VIOLATION", ENV_OPEN
                + "<soapenv:Body><hub:SubmitMessageRequest/></soapenv:Body></soapenv:Envelope>");
        xmlCase(t, "payload twice", "SCHEMA_VIOLATION", ENV_OPEN
                + "<soapenv:Body><hub:SubmitMessageRequest><hub:payload>eyJ9</hub:payload><hub:payload>eyJ9</hub:payload></hub:SubmitMessageRequest></soapenv:Body></soapenv:Envelope>");
        xmlCase(t, "unknown element in the request", "SCHEMA_VIOLATION", ENV_OPEN
                + "<soapenv:Body><hub:SubmitMessageRequest><hub:payload>eyJ9</hub:payload><hub:admin>true</hub:admin></hub:SubmitMessageRequest></soapenv:Body></soapenv:Envelope>");
        xmlCase(t, "NUL character reference", "MALFORMED", ENV_OPEN + submit.formatted("eyJ9&#0;"));
        xmlCase(t, "processing instruction in the payload", "MALFORMED", ENV_OPEN + submit.formatted("<?evil x?>eyJ9"));
        t.add(test("invalid UTF-8 in the XML -> MALFORMED", () -> assertRefused("MALFORMED", () -> soapCode(soapBytes("text/xml; charset=utf-8",
                concat((ENV_OPEN + "<soapenv:Body><hub:GetMessageStatusRequest><hub:messageId>").getBytes(StandardCharsets.UTF_8),
                        PayloadCases.bytes(0xC0, 0xAF, 0xFE),
                        "</hub:messageId></hub:GetMessageStatusRequest></soapenv:Body></soapenv:Envelope>".getBytes(StandardCharsets.UTF_8)))))));
        t.add(test("UTF-16 declared, UTF-8 sent -> MALFORMED", () -> assertRefused("MALFORMED", () -> soapCode(soapBytes("text/xml; charset=utf-8",
                ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + ENV_OPEN + submit.formatted("eyJ9")).getBytes(StandardCharsets.UTF_8))))));
        return DynamicContainer.dynamicContainer("XML (SOAP only)", t);
    }

    void xmlCase(List<DynamicNode> t, String name, String code, String xml) {
        t.add(test(name + " -> " + code, () -> assertRefused(code, () -> {
            HttpResponse<String> r = postSoap(xml);
            assertThat(r.body()).doesNotContain("root:x:0:0").doesNotContain("lollollollollol");
            return soapCode(r);
        })));
    }

    private HttpResponse<String> soapBytes(String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/services/CaseExchange")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String attributes(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(" a").append(i).append("=\"x\"");
        }
        return b.toString();
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ---- AMQP only: JMS/AMQP body types ----

    private DynamicContainer amqpOnly() throws Exception {
        List<DynamicNode> t = new ArrayList<>();
        String partner = partner("HQ");
        String address = "partner." + partner + ".to-hub";
        byte[] valid = TestMessages.bytes(TestMessages.fresh("notice.json", partner, court("HQR")));
        String signature = signers.of(partner).sign(valid);
        t.add(test("map body (AMQP map) -> MALFORMED", () -> assertRefused("MALFORMED", () -> {
            send(address, s -> {
                jakarta.jms.MapMessage m = s.createMapMessage();
                m.setString("messageId", "x");
                m.setStringProperty("hubSignature", signature);
                return m;
            });
            return queueCode(partner);
        })));
        t.add(test("serialised Java object body -> MALFORMED", () -> assertRefused("MALFORMED", () -> {
            send(address, s -> {
                jakarta.jms.ObjectMessage m = s.createObjectMessage(new java.util.ArrayList<>(List.of("x")));
                m.setStringProperty("hubSignature", signature);
                return m;
            });
            return queueCode(partner);
        })));
        t.add(test("empty text body -> MALFORMED", () -> assertRefused("MALFORMED", () -> {
            send(address, s -> s.createTextMessage(""));
            return queueCode(partner);
        })));
        t.add(test("text message without a body -> MALFORMED", () -> assertRefused("MALFORMED", () -> {
            send(address, s -> s.createTextMessage());
            return queueCode(partner);
        })));
        t.add(test("message without any body -> MALFORMED", () -> assertRefused("MALFORMED", () -> {
            send(address, Session::createMessage);
            return queueCode(partner);
        })));
        t.add(test("valid payload as a string body with CRLF added after signing -> SIGNATURE_INVALID", () -> assertRefused("SIGNATURE_INVALID", () -> {
            amqp.send(address, new String(valid, StandardCharsets.UTF_8).replace("\n", "\r\n"), java.util.Map.of("hubSignature", signature));
            return queueCode(partner);
        })));
        t.add(test("70 KB string body -> PAYLOAD_TOO_LARGE", () -> assertRefused("PAYLOAD_TOO_LARGE", () -> {
            amqp.send(address, "x".repeat(70_000), java.util.Map.of("hubSignature", signature));
            return queueCode(partner);
        })));
        t.add(test("signature in another property name (signature) -> SIGNATURE_MISSING", () -> assertRefused("SIGNATURE_MISSING", () -> {
            amqp.send(address, new String(valid, StandardCharsets.UTF_8), java.util.Map.of("signature", signature));
            return queueCode(partner);
        })));
        for (String type : new String[] {"int", "boolean", "long"}) {
            t.add(test("hubSignature as a " + type + " property -> SIGNATURE_INVALID", () -> assertRefused("SIGNATURE_INVALID", () -> {
                send(address, s -> {
                    jakarta.jms.BytesMessage m = s.createBytesMessage();
                    m.writeBytes(valid);
                    switch (type) {
                        case "int" -> m.setIntProperty("hubSignature", 42);
                        case "boolean" -> m.setBooleanProperty("hubSignature", true);
                        default -> m.setLongProperty("hubSignature", Long.MAX_VALUE);
                    }
                    return m;
                });
                return queueCode(partner);
            })));
        }
        return DynamicContainer.dynamicContainer("AMQP body and properties (AMQP only)", t);
    }

    /** Makes a JMS message in a session of its own. */
    @FunctionalInterface
    interface MessageMaker {
        jakarta.jms.Message make(Session s) throws JMSException;
    }

    void send(String address, MessageMaker maker) throws JMSException {
        try (Connection c = new JmsConnectionFactory("amqp://127.0.0.1:" + brokerPort).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageProducer producer = s.createProducer(s.createQueue(address))) {
                producer.send(maker.make(s));
            }
        }
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
