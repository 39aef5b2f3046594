package cn.courtmediation.hub.logs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.support.HubProcess;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The optional JSON log format (logging.structured.format.console, HUB_LOG_FORMAT=ecs): every console line is one JSON
 * object, and the lines of a message's exchange carry its messageId and caseId as fields. A hub process of its own, since
 * the format is chosen when logging starts.
 */
class JsonLogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withTheEcsFormatEveryLineIsJsonAndAMessagesLinesCarryItsIds() throws Exception {
        Path data = Files.createTempDirectory("hub-json-").resolve("data");
        ObjectNode m = TestMessages.fresh("notice.json", "C110105", "PBOC");
        String id = m.get("messageId").asText();
        String caseId = m.get("caseId").asText();
        try (HubProcess hub = new HubProcess(data, List.of("--hub.trust.enforce=false", "--logging.structured.format.console=ecs",
                "--logging.level.cn.courtmediation.hub.metrics=INFO"))) {
            hub.start();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest submit = HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/messages"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(TestMessages.bytes(m))).build();
            // a 503 with Retry-After while the hub finishes starting: re-sent, as clients are told to
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> http.send(submit, HttpResponse.BodyHandlers.ofString()).statusCode() == 202);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> events(hub.log()).stream()
                    .anyMatch(e -> e.path("message").asText().startsWith("Delivered messageId=" + id)));
            List<JsonNode> ofMessage = events(hub.log()).stream().filter(e -> id.equals(e.path("messageId").asText())).toList();
            assertThat(ofMessage).extracting(e -> e.path("message").asText().replaceAll(" .*", "")).contains("Accepted", "Delivered");
            assertThat(ofMessage).allSatisfy(e -> assertThat(e.path("caseId").asText()).isEqualTo(caseId));
        }
    }

    /** The JSON lines of the log (the JVM's own notes before logging starts are not JSON). */
    private static List<JsonNode> events(Path log) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{")) {
                JsonNode e = JSON.readTree(line);
                assertThat(e.has("@timestamp") && e.has("message")).as(line).isTrue();
                events.add(e);
            }
        }
        return events;
    }
}
