package cn.courtmediation.hub.hostile;

import cn.courtmediation.hub.support.TestMessages;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * What the corpus and the fuzzing found answered against docs/interfaces.md, each fixed since:
 * - an escaped lone surrogate in messageId is refused SCHEMA_VIOLATION, and the refusal echoes the id: the SOAP answer was
 *   HTTP 200 with an empty body (Woodstox "Broken surrogate pair" writing the fault) and the AMQP REJECTION could not be
 *   decoded by Qpid JMS ("Cannot parse String"); refusals now carry U+FFFD in its place (error/Text);
 * - XML that is not well-formed but fails only inside JAXB (a truncated envelope, a character reference above U+10FFFF)
 *   was answered SCHEMA_VIOLATION, where the docs say MALFORMED for "not XML";
 * - an empty soap:Body was answered INTERNAL_ERROR, soap:Server (a client's error answered as the hub's);
 * - a signature whose embedded certificate has an unknown version escaped Cms.verify as IllegalArgumentException
 *   (CmsFuzzTest): a 500 on REST and SOAP, and no rejection on queues.
 */
class CorpusFindingsHostileIT extends HostileInputIT {
    @Override
    @TestFactory
    Stream<DynamicNode> rest() throws Exception {
        return Stream.of(unknownVersion(parties(Ch.REST)));
    }

    /** The sender's valid signature with its certificate's version changed to 5: SIGNATURE_INVALID on every channel. */
    DynamicNode unknownVersion(Parties p) {
        return test(p.channel + ": a signature whose certificate has an unknown version (5) -> SIGNATURE_INVALID", () ->
                assertRefused("SIGNATURE_INVALID", () -> {
                    byte[] b = TestMessages.bytes(p.notice());
                    return submit(p, new Submission(b, cn.courtmediation.hub.hostile.OddSignatures.unknownCertificateVersion(p.own.sign(b))));
                }));
    }

    @Override
    @TestFactory
    Stream<DynamicNode> soap() throws Exception {
        Parties p = parties(Ch.SOAP);
        String submit = "<soapenv:Body><hub:SubmitMessageRequest><hub:payload>%s</hub:payload></hub:SubmitMessageRequest></soapenv:Body></soapenv:Envelope>";
        String env = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:hub=\"urn:courtmediation:hub:soap:v1\">";
        List<DynamicNode> t = new java.util.ArrayList<>();
        t.add(unknownVersion(p));
        t.add(test("SOAP: messageId \\uD800 (escaped lone surrogate) -> SCHEMA_VIOLATION fault", () -> assertRefused("SCHEMA_VIOLATION",
                () -> submit(p, loneSurrogateId(p)))));
        xmlCase(t, "SOAP: truncated envelope", "MALFORMED", env + "<soapenv:Body><hub:SubmitMessageRequest><hub:payl");
        xmlCase(t, "SOAP: character reference above U+10FFFF", "MALFORMED", env + submit.formatted("&#x110000;"));
        xmlCase(t, "SOAP: empty soap:Body", "MALFORMED", env + "<soapenv:Body/></soapenv:Envelope>");
        return t.stream();
    }

    @Override
    @TestFactory
    Stream<DynamicNode> amqp() throws Exception {
        Parties p = parties(Ch.AMQP);
        return Stream.of(unknownVersion(p), test("AMQP: messageId \\uD800 (escaped lone surrogate) -> a REJECTION the partner can read, SCHEMA_VIOLATION",
                () -> assertRefused("SCHEMA_VIOLATION", () -> submit(p, loneSurrogateId(p)))));
    }

    static Submission loneSurrogateId(Parties p) {
        String text = new String(TestMessages.bytes(p.notice()), StandardCharsets.UTF_8)
                .replaceFirst("\"messageId\" : \"[^\"]+\"", "\"messageId\" : \"\\\\uD800\"");
        return p.signed(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
