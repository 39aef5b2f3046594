package cn.courtmediation.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.MediationHubApplication;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A whole hub started and stopped while a client keeps submitting over REST and SOAP: every answer is either the
 * routes' own (here the refusal of an unsigned message) or 503 SERVICE_UNAVAILABLE problem+json with Retry-After,
 * never Spring's 404 of routes not registered yet, nor UNKNOWN_SENDER before the demo registry is loaded; when the stop begins, readiness is already DOWN and intake answers
 * 503; after the stop, connections are refused.
 */
class StartingAndStoppingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RETRY_AFTER = "3";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService client = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService starter = Executors.newSingleThreadExecutor();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private ConfigurableApplicationContext hub;

    /** One answer the client got: the channel, HTTP status (0: no connection), content type, Retry-After and the hub's code. */
    record Answer(String channel, int status, String contentType, String retryAfter, String code) {
        boolean unavailable() {
            return status == 503;
        }

        boolean fromRoutes() {
            return status != 0 && status != 503;
        }
    }

    @AfterEach
    void stop() {
        client.shutdownNow();
        starter.shutdownNow();
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void whileTheHubStartsAndStopsEveryAnswerIsTheRoutesOwnOrA503ProblemWithRetryAfterNeverA404() throws Exception {
        int port = freePort();
        Map<String, Object> props = new HashMap<>();
        HubTestEnvironment.register((name, value) -> props.put(name, value.get()));
        props.put("server.port", port);
        props.put("hub.unavailable.retry-after", RETRY_AFTER);
        String[] args = HubTestEnvironment.arguments(props);
        String base = "http://127.0.0.1:" + port;
        // unsigned: once the routes serve, REST answers 401 SIGNATURE_MISSING and SOAP a HubFault with that code
        byte[] message = TestMessages.bytes(TestMessages.fresh("case-dispatch.json", "C110105", "PBOC"));
        String envelope = HubIntegrationTest.soapSubmitEnvelope(Base64.getEncoder().encodeToString(message), null);

        // the client posts from before the port opens
        client.scheduleWithFixedDelay(() -> {
            answers.add(post(base + "/api/v1/messages", "REST", "application/json", message));
            answers.add(post(base + "/services/CaseExchange", "SOAP", "text/xml; charset=utf-8", envelope.getBytes(StandardCharsets.UTF_8)));
        }, 0, 5, TimeUnit.MILLISECONDS);
        Future<ConfigurableApplicationContext> starting = starter.submit(() ->
                new SpringApplicationBuilder(MediationHubApplication.class).run(args));
        hub = starting.get(3, TimeUnit.MINUTES);
        await().atMost(Duration.ofSeconds(30)).until(() -> answers.stream().anyMatch(a -> a.channel().equals("REST") && a.fromRoutes())
                && answers.stream().anyMatch(a -> a.channel().equals("SOAP") && a.fromRoutes()));
        List<Answer> startup = drain();

        assertThat(startup).as("the gate answered while Tomcat was open and the hub not yet started").anyMatch(Answer::unavailable);
        assertHonest(startup);
        System.out.printf("Start: %d answers, %d refused connections, %d x 503, %d from the routes%n", startup.size(),
                startup.stream().filter(a -> a.status() == 0).count(), startup.stream().filter(Answer::unavailable).count(),
                startup.stream().filter(Answer::fromRoutes).count());

        // the moment the stop begins (the gate hears this event before any other listener): readiness DOWN, intake 503
        List<Answer> atClose = new CopyOnWriteArrayList<>();
        ConfigurableApplicationContext stopping = hub;
        hub.addApplicationListener(event -> {
            // (other contexts' close events reach this listener too, later, when the port is already closed)
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == stopping && atClose.isEmpty()) {
                atClose.add(get(base + "/actuator/health/readiness"));
                atClose.add(post(base + "/api/v1/messages", "REST", "application/json", message));
                atClose.add(post(base + "/services/CaseExchange", "SOAP", "text/xml; charset=utf-8", envelope.getBytes(StandardCharsets.UTF_8)));
            }
        });
        hub.close();
        hub = null;
        int after = answers.size();
        // a snapshot: a subList view of the list the client thread keeps adding to throws ConcurrentModificationException
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Answer> now = List.copyOf(answers);
            return now.size() > after && now.subList(after, now.size()).stream().anyMatch(a -> a.status() == 0);
        });
        client.shutdownNow();
        client.awaitTermination(10, TimeUnit.SECONDS);
        List<Answer> shutdown = drain();

        assertThat(atClose).hasSize(3);
        assertThat(atClose.get(0).status()).as("readiness at the start of the stop").isEqualTo(503);
        assertThat(atClose.subList(1, 3)).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.code()).isEqualTo("SERVICE_UNAVAILABLE");
        });
        assertHonest(atClose.subList(1, 3));
        assertHonest(shutdown);
        System.out.printf("Stop: %d answers, %d refused connections, %d x 503, %d from the routes%n", shutdown.size(),
                shutdown.stream().filter(a -> a.status() == 0).count(), shutdown.stream().filter(Answer::unavailable).count(),
                shutdown.stream().filter(Answer::fromRoutes).count());
    }

    /** No 404, no answer without the hub's code: a 503 is problem+json SERVICE_UNAVAILABLE with Retry-After, anything else the routes' refusal. */
    private static void assertHonest(List<Answer> seen) {
        assertThat(seen).noneMatch(a -> a.status() == 404);
        assertThat(seen).filteredOn(Answer::unavailable).allSatisfy(a -> {
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.retryAfter()).isEqualTo(RETRY_AFTER);
            assertThat(a.code()).isEqualTo("SERVICE_UNAVAILABLE");
        });
        assertThat(seen).filteredOn(a -> a.fromRoutes() && a.channel().equals("REST")).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.code()).isEqualTo("SIGNATURE_MISSING");
        });
        assertThat(seen).filteredOn(a -> a.fromRoutes() && a.channel().equals("SOAP")).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(500);
            assertThat(a.contentType()).startsWith("text/xml");
            assertThat(a.code()).isEqualTo("SIGNATURE_MISSING");
        });
    }

    private List<Answer> drain() {
        List<Answer> copy = new ArrayList<>(answers);
        answers.clear();
        return copy;
    }

    private Answer post(String url, String channel, String contentType, byte[] body) {
        return answer(channel, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private Answer get(String url) {
        return answer("PROBE", HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private Answer answer(String channel, HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = r.headers().firstValue("Content-Type").orElse("");
            return new Answer(channel, r.statusCode(), type, r.headers().firstValue("Retry-After").orElse(null), codeOf(type, r.body()));
        } catch (IOException e) {
            return new Answer(channel, 0, null, null, null);   // no connection: not started yet, or stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(channel, 0, null, null, null);
        }
    }

    private static String codeOf(String contentType, String body) {
        try {
            if (contentType.startsWith("application/problem+json")) {
                return JSON.readTree(body).path("code").asText(null);
            }
            int start = body.indexOf("<code>");
            return start < 0 ? null : body.substring(start + 6, body.indexOf("</code>", start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
