package cn.courtmediation.hub.rest;

import cn.courtmediation.hub.contract.Receipt;
import cn.courtmediation.hub.contract.ChannelHeaders;
import cn.courtmediation.hub.contract.MessageValidator;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.store.StoredMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import cn.courtmediation.hub.trust.Evidences;
import cn.courtmediation.hub.trust.HubSigner;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.io.InputStream;
import java.time.format.DateTimeFormatter;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The REST edge: turns an HTTP request into intake input and intake results into HTTP answers.
 * It drops every inbound HTTP header after reading what it needs, so nothing leaks into queues or responses.
 */
@Component("restEdge")
public class RestEdge {
    static final String SIGNATURE_HEADER = "X-Hub-Signature";
    private final MessageValidator validator;
    private final MessageStore store;
    private final ObjectMapper json;
    private final HubSigner signer;
    private final Evidences evidences;
    private final long retryAfterSeconds;

    RestEdge(MessageValidator validator, MessageStore store, ObjectMapper json, HubSigner signer, Evidences evidences,
             @Value("${hub.unavailable.retry-after}") long retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
        this.validator = validator;
        this.store = store;
        this.json = json;
        this.signer = signer;
        this.evidences = evidences;
    }

    /** Checks media type and size before anything is parsed; afterwards the body is the exact bytes and only hub headers remain. */
    public void readSubmission(Exchange exchange) {
        Message in = exchange.getMessage();
        String signature = in.getHeader(SIGNATURE_HEADER, String.class);
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        Long declaredLength = in.getHeader("Content-Length", Long.class);
        HttpServletRequest request = in.getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        String remote = request == null ? null : request.getRemoteAddr();
        in.removeHeaders("*");
        in.setHeader(ChannelHeaders.INGRESS, "REST");
        in.setHeader(ChannelHeaders.SOURCE, remote);
        in.setHeader(ChannelHeaders.SIGNATURE, signature);
        if (declaredLength != null && declaredLength > validator.maxPayloadBytes()) {
            throw validator.tooLarge(declaredLength);
        }
        byte[] body = readAtMost(in, validator.maxPayloadBytes());
        exchange.setProperty(ChannelHeaders.RAW_PAYLOAD, body);
        if (contentType == null || !isJson(contentType)) {
            throw new HubException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json (UTF-8); got " + (contentType == null ? "none" : contentType) + ".");
        }
        in.setBody(body);
    }

    /** Reads at most limit+1 bytes, so a chunked body without Content-Length cannot exhaust memory. */
    private byte[] readAtMost(Message in, int limit) {
        InputStream stream = in.getBody(InputStream.class);
        if (stream == null) {
            return new byte[0];
        }
        try (stream) {
            byte[] body = stream.readNBytes(limit + 1);
            if (body.length > limit) {
                throw validator.tooLarge(body.length);
            }
            return body;
        } catch (IOException e) {
            throw new HubException(ErrorCode.MALFORMED, "The request body could not be read: " + e.getMessage());
        }
    }

    private static boolean isJson(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    /**
     * 202 with the receipt (the original receipt again for an idempotent re-send), signed by the hub:
     * header X-Hub-Signature is a detached CMS signature over the exact body bytes.
     */
    public void receipt(Exchange exchange) throws JsonProcessingException {
        Receipt receipt = exchange.getMessage().getBody(Receipt.class);
        byte[] body = json.writeValueAsBytes(receipt);
        respond(exchange, 202, "application/json", body);
        exchange.getMessage().setHeader(SIGNATURE_HEADER, signer.sign(body));
    }

    /** GET /api/v1/messages/{messageId}/recipients: per-status counts of a fan-out's children, and the failed or parked ones. */
    public void recipients(Exchange exchange) throws IOException {
        String id = exchange.getMessage().getHeader("messageId", String.class);
        StoredMessage m = store.find(id).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND,
                "No message with messageId " + id + " was accepted by the hub."));
        Map<String, Long> counts = store.fanoutCounts(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", id);
        out.put("group", m.recipient());
        out.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        out.put("delivered", counts.getOrDefault("DELIVERED", 0L));
        out.put("failed", counts.getOrDefault("FAILED", 0L));
        out.put("parked", counts.getOrDefault("PARKED", 0L));
        out.put("pending", counts.getOrDefault("ACCEPTED", 0L) + counts.getOrDefault("RELAYED", 0L));
        out.put("problems", store.fanoutProblems(id, 100));
        respond(exchange, 200, "application/json", json.writeValueAsBytes(out));
    }

    /** GET /api/v1/messages/{messageId}/evidence: the signed evidences, oldest first. */
    public void evidence(Exchange exchange) throws IOException {
        String id = exchange.getMessage().getHeader("messageId", String.class);
        List<Evidences.Evidence> found = evidences.of(id);
        if (found.isEmpty()) {
            throw new HubException(ErrorCode.NOT_FOUND, "The hub holds no evidence for messageId " + id + ".");
        }
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Evidences.Evidence e : found) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("evidenceId", e.evidenceId());
            m.put("kind", e.kind());
            m.put("recordedAt", iso(e.recordedAt()));
            m.put("content", json.readTree(e.document()));
            m.put("document", Base64.getEncoder().encodeToString(e.document()));
            m.put("signature", e.signature());
            out.add(m);
        }
        respond(exchange, 200, "application/json", json.writeValueAsBytes(Map.of("messageId", id, "evidences", out)));
    }

    /** GET /api/v1/messages/{messageId}: the stored status, or NOT_FOUND. */
    public void status(Exchange exchange) throws JsonProcessingException {
        String id = exchange.getMessage().getHeader("messageId", String.class);
        StoredMessage m = store.find(id).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND,
                "No message with messageId " + id + " was accepted by the hub.", null, java.util.List.of()));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("messageId", m.messageId());
        s.put("type", m.type());
        s.put("sender", m.sender());
        s.put("recipient", m.recipient());
        s.put("caseId", m.caseId());
        s.put("status", m.status());
        s.put("receivedAt", iso(m.receivedAt()));
        s.put("relayedAt", iso(m.relayedAt()));
        s.put("deliveredAt", iso(m.deliveredAt()));
        s.put("payloadSha256", m.payloadSha256());
        s.put("attempts", m.attempts());
        s.put("lastError", m.lastError());
        respond(exchange, 200, "application/json", json.writeValueAsBytes(s));
    }

    /** application/problem+json for whatever the exchange failed with; SERVICE_UNAVAILABLE also says when to retry (Retry-After). */
    public void problem(Exchange exchange) throws JsonProcessingException {
        HubException refusal = Problems.of(exchange);
        respond(exchange, refusal.code().httpStatus(), "application/problem+json", json.writeValueAsBytes(Problems.asMap(refusal)));
        if (refusal.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            exchange.getMessage().setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
    }

    private static String iso(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    private static void respond(Exchange exchange, int status, String contentType, byte[] body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        out.setBody(body);
    }
}
