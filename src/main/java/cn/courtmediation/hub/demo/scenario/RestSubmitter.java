package cn.courtmediation.hub.demo.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Submits a signed message to the hub's REST edge (POST /api/v1/messages), as a participant's system does, and waits for the answer. */
final class RestSubmitter {
    /** The hub's answer: HTTP status and body (a receipt, or problem+json). */
    record Answer(int status, String body) {
        boolean accepted() {
            return status / 100 == 2;
        }

        boolean duplicate() {
            return body.contains("\"duplicate\":true");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI messages;

    RestSubmitter(URI hubBase) {
        this.messages = hubBase.resolve("/api/v1/messages");
    }

    Answer submit(ScenarioMessages.Submission s) {
        HttpRequest request = HttpRequest.newBuilder(messages)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature", s.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(s.payload()))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }
}
