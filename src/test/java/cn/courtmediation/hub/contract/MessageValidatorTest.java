package cn.courtmediation.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The validator on its own: strict UTF-8 JSON, size limit, schema, and the envelope it extracts. */
class MessageValidatorTest {
    private final MessageValidator validator = new MessageValidator(new ContractSchemas(), new IntakeSettings(4096));

    private static byte[] example(String name) throws IOException {
        return Files.readAllBytes(Path.of("schemas/examples", name));
    }

    private static ErrorCode codeOf(Runnable r) {
        try {
            r.run();
        } catch (HubException e) {
            return e.code();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void extractsTheEnvelopeAndHashesTheExactBytes() throws IOException {
        byte[] bytes = example("case-dispatch.json");
        Envelope e = new MessageValidator(new ContractSchemas(), new IntakeSettings(1 << 20)).validate(bytes);
        assertThat(e.messageId()).isEqualTo("0b6f1c3e-6a2d-4c59-9d7e-2f1a8c4b5e01");
        assertThat(e.type()).isEqualTo("CASE_DISPATCH");
        assertThat(e.sender()).isEqualTo("C110105");
        assertThat(e.recipient()).isEqualTo("PBOC");
        assertThat(e.body().get("caseNumber").asText()).isEqualTo("(2026)京0105民诉前调1234号");
        assertThat(e.payload()).isSameAs(bytes);
        assertThat(e.payloadSha256()).isEqualTo(Sha256.hex(bytes)).hasSize(64);
    }

    @Test
    void refusesEmptyBomAndInvalidUtf8AsMalformed() {
        assertThat(codeOf(() -> validator.validate(new byte[0]))).isEqualTo(ErrorCode.MALFORMED);
        assertThat(codeOf(() -> validator.validate(null))).isEqualTo(ErrorCode.MALFORMED);
        assertThat(codeOf(() -> validator.validate("\uFEFF{}".getBytes(StandardCharsets.UTF_8)))).isEqualTo(ErrorCode.MALFORMED);
        assertThat(codeOf(() -> validator.validate(new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'}))).isEqualTo(ErrorCode.MALFORMED);
    }

    @Test
    void refusesNonObjectsTrailingTokensAndDuplicateKeys() {
        assertThat(codeOf(() -> validator.validate("[1,2]".getBytes(StandardCharsets.UTF_8)))).isEqualTo(ErrorCode.MALFORMED);
        assertThat(codeOf(() -> validator.validate("{} {}".getBytes(StandardCharsets.UTF_8)))).isEqualTo(ErrorCode.MALFORMED);
        assertThat(codeOf(() -> validator.validate("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))).isEqualTo(ErrorCode.MALFORMED);
    }

    @Test
    void refusesDeepNestingBeforeTheSchemaSeesIt() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThat(codeOf(() -> validator.validate(("{\"a\":" + deep + "}").getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(ErrorCode.MALFORMED);
    }

    @Test
    void refusesOversizedPayloadWithTheLimitInTheDetail() {
        assertThatThrownBy(() -> validator.validate(new byte[4097]))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("4097").hasMessageContaining("4096")
                .extracting(e -> ((HubException) e).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void refusesASuccessfulResultWithoutItsAgreement() throws IOException {
        // the example's agreement carries signatures (nested objects): remove it as JSON, not by pattern
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = (ObjectNode) json.readTree(example("mediation-result.json"));
        ((ObjectNode) result.get("body")).remove("agreement");
        String text = json.writeValueAsString(result);
        HubException e = (HubException) catchRefusal(() -> new MessageValidator(new ContractSchemas(), new IntakeSettings(1 << 20))
                .validate(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
        assertThat(e.messageId()).isEqualTo("5d2e8a90-3c1b-4f6e-8a7d-9b0c1e2f3a04");
        assertThat(e.violations()).anySatisfy(v -> assertThat(v.message()).contains("agreement"));
    }

    @Test
    void refusesASentAtWithASpaceInsteadOfT() throws IOException {
        String text = new String(example("notice.json"), StandardCharsets.UTF_8)
                .replace("2026-11-28T10:00:00+08:00", "2026-11-28 10:00:00+08:00");
        HubException e = (HubException) catchRefusal(() -> new MessageValidator(new ContractSchemas(), new IntakeSettings(1 << 20))
                .validate(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
        assertThat(e.violations()).extracting(v -> v.path()).contains("/sentAt");
    }

    @Test
    void refusesAFloatClaimAmountAndAnUnknownDisputeType() throws IOException {
        String text = new String(example("case-dispatch.json"), StandardCharsets.UTF_8)
                .replace("\"52000.00\"", "52000.5").replace("\"FINANCIAL\"", "\"GAMBLING\"");
        HubException e = (HubException) catchRefusal(() -> new MessageValidator(new ContractSchemas(), new IntakeSettings(1 << 20))
                .validate(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.violations()).extracting(v -> v.path()).contains("/body/claimAmountCny", "/body/disputeType");
    }

    private static Throwable catchRefusal(Runnable r) {
        try {
            r.run();
        } catch (HubException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }
}
