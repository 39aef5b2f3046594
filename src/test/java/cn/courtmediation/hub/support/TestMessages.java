package cn.courtmediation.hub.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Consumer;

/** Builds test messages from the contract examples in schemas/examples, with fresh ids and chosen parties. */
public final class TestMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestMessages() {
    }

    public static ObjectNode example(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("schemas/examples", name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example with a new messageId and caseId (a dispatch's carries the sender's code), from sender to recipient, edited further by the caller. */
    public static ObjectNode fresh(String example, String sender, String recipient, Consumer<ObjectNode> edit) {
        ObjectNode m = example(example);
        m.put("messageId", UUID.randomUUID().toString());
        m.put("caseId", "IT-" + UUID.randomUUID().toString().substring(0, 18));
        m.put("sender", sender);
        m.put("recipient", recipient);
        if ("CASE_DISPATCH".equals(m.path("type").asText())) {
            // a court dispatches only its own cases: the caseId carries its code, and so does body.courtCode
            m.put("caseId", sender + "-IT-" + UUID.randomUUID().toString().substring(0, 18));
            m.with("body").put("courtCode", sender);
        }
        edit.accept(m);
        return m;
    }

    /** A CASE_EVENT of the case: the named event (ACCEPT, EXTEND, ...), its body filled in by the caller, no correlationId. */
    public static ObjectNode event(String from, String to, String caseId, String event, Consumer<ObjectNode> body) {
        ObjectNode m = fresh("case-event-accept.json", from, to, x -> x.put("caseId", caseId));
        m.remove("correlationId");
        ObjectNode b = m.putObject("body");
        b.put("event", event);
        body.accept(b);
        return m;
    }

    public static ObjectNode fresh(String example, String sender, String recipient) {
        return fresh(example, sender, recipient, m -> { });
    }

    /** UTF-8 JSON bytes exactly as a client would send them (Chinese text as UTF-8, not escaped). */
    public static byte[] bytes(ObjectNode m) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messageId of a message's bytes. */
    public static String messageId(byte[] message) {
        try {
            return JSON.readTree(message).get("messageId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
