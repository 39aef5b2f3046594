package cn.courtmediation.hub.contract;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Violation;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.ValidationMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Checks that payload bytes are one canonical message: size, strict UTF-8 JSON, then the JSON Schema of schemas/. */
@Component("messageValidator")
public class MessageValidator {
    /** Enough to say what is wrong without echoing a hostile message back at length. */
    private static final int MAX_REPORTED_VIOLATIONS = 50;

    private final ObjectMapper strictJson = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxStringLength(4 * 1024 * 1024)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final ContractSchemas schemas;
    private final int maxPayloadBytes;

    MessageValidator(ContractSchemas schemas, IntakeSettings settings) {
        this.schemas = schemas;
        this.maxPayloadBytes = settings.maxPayloadBytes();
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Validates and parses; throws a HubException with MALFORMED, PAYLOAD_TOO_LARGE or SCHEMA_VIOLATION. */
    public Envelope validate(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new HubException(ErrorCode.MALFORMED, "The message is empty; expected one JSON message (schemas/message.schema.json).");
        }
        if (payload.length > maxPayloadBytes) {
            throw tooLarge(payload.length);
        }
        JsonNode node = parse(payload);
        String messageId = node.path("messageId").isTextual() ? node.get("messageId").asText() : null;
        Set<ValidationMessage> problems = schemas.message().validate(node);
        if (!problems.isEmpty()) {
            List<Violation> violations = problems.stream()
                    .map(m -> new Violation(m.getInstanceLocation().toString(), m.getMessage()))
                    .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::message))
                    .limit(MAX_REPORTED_VIOLATIONS)
                    .toList();
            throw new HubException(ErrorCode.SCHEMA_VIOLATION,
                    problems.size() + " rule(s) of schemas/message.schema.json violated; see errors.",
                    messageId != null && messageId.length() <= 64 ? messageId : null, violations);
        }
        return new Envelope(
                messageId,
                node.get("type").asText(),
                node.get("sender").asText(),
                node.get("recipient").asText(),
                node.get("caseId").asText(),
                node.hasNonNull("correlationId") ? node.get("correlationId").asText() : null,
                sentAt(node.get("sentAt").asText(), messageId),
                node.get("body"),
                payload,
                Sha256.hex(payload));
    }

    /** RFC 3339 as java.time reads it (with 'T'): the schema's date-time format is more lenient than the parser. */
    private static OffsetDateTime sentAt(String text, String messageId) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new HubException(ErrorCode.SCHEMA_VIOLATION, "sentAt is not an RFC 3339 date-time such as 2026-11-28T09:30:00+08:00.",
                    messageId, List.of(new Violation("/sentAt", "'" + text + "' is not an RFC 3339 date-time with 'T' and an offset")));
        }
    }

    public HubException tooLarge(long size) {
        return new HubException(ErrorCode.PAYLOAD_TOO_LARGE,
                "The message is " + size + " bytes; the limit is " + maxPayloadBytes + " bytes. Send large documents as attachments by URI.");
    }

    private JsonNode parse(byte[] payload) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new HubException(ErrorCode.MALFORMED, "The message is not valid UTF-8.");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            throw new HubException(ErrorCode.MALFORMED, "The message starts with a byte-order mark; send UTF-8 JSON without one.");
        }
        try {
            JsonNode node = strictJson.readTree(text);
            if (node == null || !node.isObject()) {
                throw new HubException(ErrorCode.MALFORMED, "The message must be one JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new HubException(ErrorCode.MALFORMED, "The message is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")" : ""));
        }
    }
}
