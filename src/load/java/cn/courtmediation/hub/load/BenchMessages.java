package cn.courtmediation.hub.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The benchmark's messages: the example case dispatch with a fresh id and case per message, signed as the sending court would. */
final class BenchMessages {
    private static final DateTimeFormatter SENT_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode template;
    private final String sender;
    private final String recipient;
    private final URI intake;
    private final LoadSigner signer;

    /** One message ready to go: its id, its bytes and the POST that carries them. */
    record Prepared(String id, byte[] body, HttpRequest request) {
    }

    BenchMessages(String url, String sender, String recipient, LoadSigner signer) throws IOException {
        this.template = loadTemplate();
        this.sender = sender;
        this.recipient = recipient;
        this.signer = signer;
        this.intake = URI.create(url.replaceAll("/+$", "") + "/api/v1/messages");
    }

    /** A new message (new messageId, new caseId, sentAt now), signed; the signing is the client's cost, done before the clock starts where the caller can. */
    Prepared next() {
        String id = UUID.randomUUID().toString();
        byte[] body = payload(id);
        HttpRequest.Builder b = HttpRequest.newBuilder(intake)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signer != null) {
            b.header("X-Hub-Signature", signer.sign(body));
        }
        return new Prepared(id, body, b.build());
    }

    /** The same message unsigned, as bytes (the raw broker baseline sends these). */
    byte[] payload(String id) {
        ObjectNode m = template.deepCopy();
        m.put("messageId", id);
        m.put("sender", sender);
        m.put("recipient", recipient);
        m.put("caseId", sender + "-B-" + id);
        m.put("sentAt", SENT_AT.format(OffsetDateTime.now(ZoneOffset.ofHours(8))));
        JsonNode body = m.path("body");
        if ("CASE_DISPATCH".equals(m.path("type").asText()) && body instanceof ObjectNode o && o.has("courtCode")) {
            o.put("courtCode", sender);
        }
        try {
            return JSON.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode loadTemplate() throws IOException {
        Path local = Path.of("schemas/examples/case-dispatch.json");
        if (Files.isRegularFile(local)) {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(local));
        }
        try (InputStream in = BenchMessages.class.getClassLoader().getResourceAsStream("schemas/examples/case-dispatch.json")) {
            if (in == null) {
                throw new IOException("No message template schemas/examples/case-dispatch.json (run from the project root)");
            }
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
