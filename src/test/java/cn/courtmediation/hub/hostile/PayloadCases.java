package cn.courtmediation.hub.hostile;

import static cn.courtmediation.hub.hostile.HostileCase.of;

import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The payload half of the corpus, one table for every channel: malformed JSON, nesting, encodings, schema violations,
 * oversized fields and bodies, registry refusals, replays. Each payload is signed with the sender's own key, so the
 * refusal is the payload's and not the signature's. Codes: docs/interfaces.md 12.
 */
final class PayloadCases {
    private PayloadCases() {
    }

    static List<HostileCase> all() {
        List<HostileCase> c = new ArrayList<>();
        malformed(c);
        nesting(c);
        encodings(c);
        schema(c);
        oversized(c);
        registry(c);
        replays(c);
        return c;
    }

    private static void malformed(List<HostileCase> c) {
        String cat = "malformed JSON";
        c.add(of(cat, "empty body", "MALFORMED", p -> new Submission(new byte[0], p.own.sign(new byte[0]))));
        c.add(of(cat, "whitespace only", "MALFORMED", p -> p.signed(" \r\n\t ".getBytes(StandardCharsets.UTF_8))));
        c.add(of(cat, "truncated in the middle", "MALFORMED", p -> text(p, s -> s.substring(0, s.length() / 2))));
        c.add(of(cat, "truncated after the first key", "MALFORMED", p -> p.signed("{\"messageId\":".getBytes(StandardCharsets.UTF_8))));
        c.add(of(cat, "missing closing brace", "MALFORMED", p -> text(p, s -> s.substring(0, s.lastIndexOf('}')))));
        c.add(of(cat, "JSON array instead of an object", "MALFORMED", p -> text(p, s -> "[" + s + "]")));
        c.add(of(cat, "JSON string", "MALFORMED", p -> p.signed("\"NOTICE\"".getBytes(StandardCharsets.UTF_8))));
        c.add(of(cat, "JSON number", "MALFORMED", p -> p.signed("42".getBytes(StandardCharsets.UTF_8))));
        c.add(of(cat, "JSON null", "MALFORMED", p -> p.signed("null".getBytes(StandardCharsets.UTF_8))));
        c.add(of(cat, "JSON true", "MALFORMED", p -> p.signed("true".getBytes(StandardCharsets.UTF_8))));
        c.add(of(cat, "two messages back to back", "MALFORMED", p -> text(p, s -> s + s)));
        c.add(of(cat, "trailing garbage", "MALFORMED", p -> text(p, s -> s + "x")));
        c.add(of(cat, "trailing comma", "MALFORMED", p -> text(p, s -> s.substring(0, s.lastIndexOf('}')) + ",}")));
        c.add(of(cat, "duplicate messageId key", "MALFORMED", p -> text(p, s -> s.replaceFirst("\\{",
                "{\"messageId\":\"00000000-0000-4000-8000-000000000000\","))));
        c.add(of(cat, "duplicate recipient key naming another participant", "MALFORMED",
                p -> text(p, s -> s.replaceFirst("\\{", "{\"recipient\":\"" + p.other + "\","))));
        c.add(of(cat, "duplicate key inside the body", "MALFORMED", p -> text(p, s -> s.replaceFirst("\"title\"", "\"title\":\"x\",\"title\""))));
        c.add(of(cat, "block comment", "MALFORMED", p -> text(p, s -> s.replaceFirst("\\{", "{/* c */"))));
        c.add(of(cat, "line comment", "MALFORMED", p -> text(p, s -> s.replaceFirst("\\{", "{// c\n"))));
        c.add(of(cat, "single-quoted strings", "MALFORMED", p -> text(p, s -> s.replace("\"type\" : \"NOTICE\"", "'type' : 'NOTICE'"))));
        c.add(of(cat, "unquoted key", "MALFORMED", p -> text(p, s -> s.replace("\"type\" :", "type :"))));
        c.add(of(cat, "NaN number", "MALFORMED", p -> text(p, s -> s.replaceFirst("\\{", "{\"n\":NaN,"))));
        c.add(of(cat, "leading zero number", "MALFORMED", p -> text(p, s -> s.replaceFirst("\\{", "{\"n\":0123,"))));
        c.add(of(cat, "raw line break inside a string", "MALFORMED", p -> text(p, s -> s.replace("调解材料", "调解\n材料"))));
        c.add(of(cat, "raw NUL byte inside a string", "MALFORMED", p -> raw(p, new byte[] {'a', 0, 'b'})));
        c.add(of(cat, "raw control character 0x01 inside a string", "MALFORMED", p -> raw(p, new byte[] {'a', 1, 'b'})));
        c.add(of(cat, "invalid escape", "MALFORMED", p -> raw(p, "a\\qb".getBytes(StandardCharsets.UTF_8))));
        c.add(of(cat, "bad unicode escape", "MALFORMED", p -> raw(p, "a\\u12G4b".getBytes(StandardCharsets.UTF_8))));
        c.add(of(cat, "unterminated string", "MALFORMED", p -> text(p, s -> s.substring(0, s.indexOf("调解材料")))));
        c.add(of(cat, "XML instead of JSON", "MALFORMED", p -> p.signed("<message><type>NOTICE</type></message>".getBytes(StandardCharsets.UTF_8))));
        c.add(of(cat, "form encoding instead of JSON", "MALFORMED", p -> p.signed("messageId=1&type=NOTICE".getBytes(StandardCharsets.UTF_8))));
    }

    private static void nesting(List<HostileCase> c) {
        String cat = "deep nesting (JSON)";
        for (int depth : new int[] {64, 65, 200, 1000, 5000, 20000}) {
            c.add(of(cat, "arrays nested " + depth + " deep in the body", "MALFORMED",
                    p -> text(p, s -> s.replaceFirst("\"body\" : \\{", "\"body\" : {\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + ","))));
        }
        for (int depth : new int[] {65, 1000, 10000}) {
            c.add(of(cat, "objects nested " + depth + " deep at the top", "MALFORMED",
                    p -> p.signed(("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8))));
        }
        c.add(of(cat, "unbalanced: 30000 opening brackets", "MALFORMED", p -> p.signed("[".repeat(30_000).getBytes(StandardCharsets.UTF_8))));
    }

    private static void encodings(List<HostileCase> c) {
        String cat = "encodings";
        c.add(of(cat, "UTF-8 byte-order mark", "MALFORMED", p -> reencode(p, StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})));
        c.add(of(cat, "UTF-16LE with BOM", "MALFORMED", p -> reencode(p, StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE})));
        c.add(of(cat, "UTF-16BE with BOM", "MALFORMED", p -> reencode(p, StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF})));
        c.add(of(cat, "UTF-16LE without BOM", "MALFORMED", p -> reencode(p, StandardCharsets.UTF_16LE, new byte[0])));
        c.add(of(cat, "UTF-16BE without BOM", "MALFORMED", p -> reencode(p, StandardCharsets.UTF_16BE, new byte[0])));
        c.add(of(cat, "UTF-32BE", "MALFORMED", p -> reencode(p, Charset.forName("UTF-32BE"), new byte[0])));
        c.add(of(cat, "GB18030 (GBK) Chinese text", "MALFORMED", p -> reencode(p, Charset.forName("GB18030"), new byte[0])));
        c.add(of(cat, "invalid UTF-8: C3 28", "MALFORMED", p -> raw(p, bytes(0xC3, 0x28))));
        c.add(of(cat, "invalid UTF-8: lone continuation byte 80", "MALFORMED", p -> raw(p, bytes(0x80))));
        c.add(of(cat, "invalid UTF-8: bytes FE FF", "MALFORMED", p -> raw(p, bytes(0xFE, 0xFF))));
        c.add(of(cat, "overlong UTF-8: '/' as C0 AF", "MALFORMED", p -> raw(p, bytes(0xC0, 0xAF))));
        c.add(of(cat, "overlong UTF-8: '/' as E0 80 AF", "MALFORMED", p -> raw(p, bytes(0xE0, 0x80, 0xAF))));
        c.add(of(cat, "overlong UTF-8: '/' as F0 80 80 AF", "MALFORMED", p -> raw(p, bytes(0xF0, 0x80, 0x80, 0xAF))));
        c.add(of(cat, "overlong UTF-8: NUL as C0 80 (modified UTF-8)", "MALFORMED", p -> raw(p, bytes(0xC0, 0x80))));
        c.add(of(cat, "overlong UTF-8: '\"' as C0 A2 (quote smuggling)", "MALFORMED", p -> raw(p, bytes(0xC0, 0xA2))));
        c.add(of(cat, "UTF-8 encoded surrogate ED A0 80", "MALFORMED", p -> raw(p, bytes(0xED, 0xA0, 0x80))));
        c.add(of(cat, "CESU-8 surrogate pair", "MALFORMED", p -> raw(p, bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80))));
        c.add(of(cat, "code point above U+10FFFF (F4 90 80 80)", "MALFORMED", p -> raw(p, bytes(0xF4, 0x90, 0x80, 0x80))));
        c.add(of(cat, "five-byte sequence F8 88 80 80 80", "MALFORMED", p -> raw(p, bytes(0xF8, 0x88, 0x80, 0x80, 0x80))));
        c.add(of(cat, "truncated multi-byte character", "MALFORMED", p -> raw(p, bytes(0xE8, 0xB0))));
        c.add(of(cat, "Latin-1 e acute (E9)", "MALFORMED", p -> raw(p, bytes(0xE9))));
        // the same with the id in messageId: CorpusFindingsHostileIT (the refusal echoes the id, which SOAP and AMQP could not encode)
        c.add(of(cat, "lone escaped high surrogate \\uD800 in caseId", "SCHEMA_VIOLATION",
                p -> text(p, s -> s.replaceFirst("\"caseId\" : \"[^\"]+\"", "\"caseId\" : \"\\\\uD800\""))));
    }

    private static void schema(List<HostileCase> c) {
        String cat = "schema violations";
        for (String field : new String[] {"messageId", "type", "sender", "recipient", "caseId", "sentAt", "body"}) {
            c.add(of(cat, "missing " + field, "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.remove(field)))));
            c.add(of(cat, field + " null", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.putNull(field)))));
        }
        c.add(of(cat, "messageId not a UUID", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("messageId", "not-a-uuid")))));
        c.add(of(cat, "messageId upper-case UUID", "SCHEMA_VIOLATION",
                p -> p.signed(p.notice(m -> m.put("messageId", m.get("messageId").asText().toUpperCase())))));
        c.add(of(cat, "messageId a number", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("messageId", 12345)))));
        c.add(of(cat, "messageId SQL injection", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("messageId", "1' or '1'='1")))));
        c.add(of(cat, "type unknown", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("type", "HACK")))));
        c.add(of(cat, "type in lower case", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("type", "notice")))));
        c.add(of(cat, "type an array", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.putArray("type").add("NOTICE")))));
        c.add(of(cat, "sender with a space", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("sender", p.sender + " ")))));
        c.add(of(cat, "recipient with a path", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("recipient", "../" + p.recipient)))));
        c.add(of(cat, "caseId with a slash", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("caseId", "C1/../../x")))));
        c.add(of(cat, "caseId empty", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("caseId", "")))));
        c.add(of(cat, "correlationId not a UUID", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("correlationId", "x")))));
        c.add(of(cat, "sentAt without T", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("sentAt", "2026-11-28 10:00:00+08:00")))));
        c.add(of(cat, "sentAt without offset", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("sentAt", "2026-11-28T10:00:00")))));
        c.add(of(cat, "sentAt not a date", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("sentAt", "yesterday")))));
        c.add(of(cat, "sentAt month 13", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("sentAt", "2026-13-28T10:00:00+08:00")))));
        c.add(of(cat, "sentAt epoch number", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("sentAt", 1764295200)))));
        c.add(of(cat, "unknown top-level field", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("admin", true)))));
        c.add(of(cat, "prototype pollution field", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.putObject("__proto__").put("admin", true)))));
        c.add(of(cat, "unknown body field", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.with("body").put("script", "<script>")))));
        c.add(of(cat, "body an array", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.putArray("body")))));
        c.add(of(cat, "body a string", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("body", "{}")))));
        c.add(of(cat, "body empty object", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.putObject("body")))));
        c.add(of(cat, "body title empty", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.with("body").put("title", "")))));
        c.add(of(cat, "body title a number", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.with("body").put("title", 1)))));
        c.add(of(cat, "a case-dispatch body in a NOTICE", "SCHEMA_VIOLATION",
                p -> p.signed(p.notice(m -> m.set("body", TestMessages.example("case-dispatch.json").get("body"))))));
        c.add(of(cat, "a CASE_EVENT with an unknown event", "SCHEMA_VIOLATION", p -> p.signed(event(p, m -> m.with("body").put("event", "DELETE")))));
        c.add(of(cat, "a CASE_DISPATCH without parties", "SCHEMA_VIOLATION",
                p -> p.signed(dispatch(p, m -> m.with("body").remove("parties")))));
        c.add(of(cat, "a CASE_DISPATCH claim amount with three decimals", "SCHEMA_VIOLATION",
                p -> p.signed(dispatch(p, m -> m.with("body").put("claimAmountCny", "12.345")))));
        c.add(of(cat, "a MEDIATION_RESULT without outcome", "SCHEMA_VIOLATION",
                p -> p.signed(TestMessages.fresh("mediation-result.json", p.sender, p.recipient, m -> m.with("body").remove("outcome")))));
    }

    private static void oversized(List<HostileCase> c) {
        String cat = "oversized fields and bodies";
        c.add(of(cat, "messageId of 10000 characters", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("messageId", "a".repeat(10_000))))));
        c.add(of(cat, "caseId of 10000 characters", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("caseId", "C".repeat(10_000))))));
        c.add(of(cat, "sender of 1000 characters", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("sender", "X".repeat(1000))))));
        c.add(of(cat, "title of 201 characters", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.with("body").put("title", "题".repeat(201))))));
        c.add(of(cat, "text of 20001 characters", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.with("body").put("text", "x".repeat(20_001))))));
        c.add(of(cat, "50000 unknown fields", "PAYLOAD_TOO_LARGE", p -> text(p, s -> s.replaceFirst("\\{", "{" + "\"f\":1,".repeat(50_000)))));
        c.add(of(cat, "one byte over the limit (65537 bytes)", "PAYLOAD_TOO_LARGE", p -> padded(p, 65_537)));
        c.add(of(cat, "200 KB of whitespace after the message", "PAYLOAD_TOO_LARGE", p -> padded(p, 200_000)));
        c.add(of(cat, "a 100000-character title", "PAYLOAD_TOO_LARGE", p -> p.signed(p.notice(m -> m.with("body").put("title", "调".repeat(100_000))))));
        c.add(of(cat, "a 1 MiB string", "PAYLOAD_TOO_LARGE", p -> p.signed(p.notice(m -> m.with("body").put("text", "a".repeat(1 << 20))))));
    }

    private static void registry(List<HostileCase> c) {
        String cat = "registry";
        c.add(of(cat, "unknown recipient", "UNKNOWN_RECIPIENT", p -> p.signed(p.notice(m -> m.put("recipient", "NOBODY")))));
        c.add(of(cat, "recipient in lower case (codes are upper case)", "SCHEMA_VIOLATION", p -> p.signed(p.notice(m -> m.put("recipient", p.recipient.toLowerCase())))));
        c.add(of(cat, "recipient HUB", "UNKNOWN_RECIPIENT", p -> p.signed(p.notice(m -> m.put("recipient", "HUB")))));
        c.add(of(cat, "unknown sender", "UNKNOWN_SENDER", p -> p.signed(p.notice(m -> m.put("sender", "GHOST"))))
                .on(Ch.AMQP, "SENDER_MISMATCH"));
        c.add(of(cat, "sender HUB", "UNKNOWN_SENDER", p -> p.signed(p.notice(m -> m.put("sender", "HUB")))).on(Ch.AMQP, "SENDER_MISMATCH"));
        c.add(of(cat, "suspended sender with its own valid signature", "SENDER_SUSPENDED", p -> {
            byte[] b = TestMessages.bytes(TestMessages.fresh("notice.json", p.suspended, p.recipient));
            return new Submission(b, p.suspendedSigner.sign(b), p.suspended);
            // on the queue a suspended partner no longer gets in: the broker refuses its login (issue 13 item 3)
        }).on(Ch.AMQP, HostileGroup.BROKER_LOGIN_REFUSED));
        c.add(of(cat, "sender may not address the recipient", "CHANNEL_NOT_ALLOWED", p -> {
            byte[] b = TestMessages.bytes(TestMessages.fresh("notice.json", p.restricted, p.forbiddenRecipient));
            return new Submission(b, p.restrictedSigner.sign(b), p.restricted);
        }));
        c.add(of(cat, "an EVIDENCE from a participant", "SCHEMA_VIOLATION",
                p -> p.signed(p.notice(m -> m.put("type", "EVIDENCE")))));
    }

    private static void replays(List<HostileCase> c) {
        String cat = "replays";
        c.add(of(cat, "same messageId, different body", "MESSAGE_ID_REUSED",
                p -> {
                    ObjectNode m = p.accepted.deepCopy();
                    m.with("body").put("text", "改过的内容");
                    return p.signed(m);
                }));
        c.add(of(cat, "same messageId, another case", "MESSAGE_ID_REUSED",
                p -> p.signed(withField(p.accepted, "caseId", "IT-REPLAY-OTHER-CASE"))));
        c.add(of(cat, "same messageId, other recipient", "MESSAGE_ID_REUSED",
                p -> p.signed(withField(p.accepted, "recipient", p.other))).on(Ch.AMQP, null));
        c.add(of(cat, "same messageId, re-serialised (other whitespace)", "MESSAGE_ID_REUSED",
                p -> p.signed(p.accepted.toString().getBytes(StandardCharsets.UTF_8))));
        c.add(of(cat, "same messageId, same bytes, signed by another participant", "SENDER_MISMATCH",
                p -> {
                    byte[] b = TestMessages.bytes(p.accepted);
                    return new Submission(b, p.otherSigner.sign(b));
                }));
        c.add(of(cat, "same bytes, sender changed to another participant", "SENDER_MISMATCH",
                p -> p.signed(withField(p.accepted, "sender", p.other))));
    }

    // ---- helpers ----

    static ObjectNode withField(ObjectNode m, String field, String value) {
        ObjectNode copy = m.deepCopy();
        copy.put(field, value);
        return copy;
    }

    static ObjectNode event(Parties p, Consumer<ObjectNode> edit) {
        return TestMessages.fresh("case-event-accept.json", p.sender, p.recipient, edit);
    }

    static ObjectNode dispatch(Parties p, Consumer<ObjectNode> edit) {
        return TestMessages.fresh("case-dispatch.json", p.sender, p.recipient, edit);
    }

    /** The pretty-printed notice as text, edited, as UTF-8, signed. */
    static Submission text(Parties p, UnaryOperator<String> edit) {
        return p.signed(edit.apply(new String(TestMessages.bytes(p.notice()), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    /** The notice with the raw bytes in the middle of body.text, signed. */
    static Submission raw(Parties p, byte[] raw) {
        byte[] b = TestMessages.bytes(p.notice(m -> m.with("body").put("text", "前@@后")));
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("@@");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(raw);
        out.write(b, at + 2, b.length - at - 2);
        return p.signed(out.toByteArray());
    }

    /** The notice in another encoding, after the given prefix (a byte-order mark), signed over those bytes. */
    static Submission reencode(Parties p, Charset charset, byte[] prefix) {
        byte[] text = new String(TestMessages.bytes(p.notice()), StandardCharsets.UTF_8).getBytes(charset);
        byte[] b = new byte[prefix.length + text.length];
        System.arraycopy(prefix, 0, b, 0, prefix.length);
        System.arraycopy(text, 0, b, prefix.length, text.length);
        return p.signed(b);
    }

    /** The notice followed by spaces up to the given size, signed. */
    static Submission padded(Parties p, int size) {
        byte[] m = TestMessages.bytes(p.notice());
        byte[] b = new byte[Math.max(size, m.length)];
        java.util.Arrays.fill(b, (byte) ' ');
        System.arraycopy(m, 0, b, 0, m.length);
        return p.signed(b);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
