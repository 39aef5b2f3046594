package cn.courtmediation.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statuses the code knows are exactly the ones the contract (schemas/) lists, and they go on the wire by name. */
class MessageStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theEnumIsTheSchemasListOfStatuses() throws IOException {
        JsonNode listed = JSON.readTree(Path.of("schemas/message-status.schema.json").toFile()).at("/properties/status/enum");
        List<String> inSchema = new ArrayList<>();
        listed.forEach(s -> inSchema.add(s.asText()));
        assertThat(inSchema).containsExactlyInAnyOrderElementsOf(Arrays.stream(MessageStatus.values()).map(Enum::name).toList());
    }

    @Test
    void aReceiptsStatusIsTheOneTheReceiptSchemaAllows() throws IOException {
        JsonNode constant = JSON.readTree(Path.of("schemas/receipt.schema.json").toFile()).at("/properties/status/const");
        assertThat(MessageStatus.valueOf(constant.asText())).isEqualTo(MessageStatus.ACCEPTED);
        Receipt r = new Receipt("m-1", "c-1", MessageStatus.ACCEPTED, "2026-01-01T00:00:00Z", "00", false);
        assertThat(JSON.readTree(JSON.writeValueAsBytes(r)).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void onlyDeliveredFailedAndDiscardedAreFinished() {
        assertThat(Arrays.stream(MessageStatus.values()).filter(MessageStatus::finished))
                .containsExactlyInAnyOrder(MessageStatus.DELIVERED, MessageStatus.FAILED, MessageStatus.DISCARDED);
    }
}
