package cn.courtmediation.hub.demo.scenario;

import cn.courtmediation.hub.demo.scenario.ScenarioCases;
import cn.courtmediation.hub.demo.scenario.DemoScenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.OwnHub;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Demo mode as `./mvnw spring-boot:run` starts it, on a hub of its own: the scenario replays in the background
 * after startup while readiness says OUT_OF_SERVICE, the hub is ready on real time afterwards, and a second
 * start on the same database does not replay again.
 */
// A hub of its own: the demo scenario runs at start (clock in the past, readiness OUT_OF_SERVICE) and a
// second start on its database is part of the test.
@OwnHub
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoScenarioIT extends HubIntegrationTest {
    static final int CASES = 60;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        registry.add("hub.demo.scenario.enabled", () -> true);
        registry.add("hub.demo.scenario.cases", () -> CASES);
    }

    @Autowired
    DemoScenario demo;
    @Autowired
    ScenarioCases cases;
    @Autowired
    Clock clock;

    int readiness() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @Order(1)
    void theHubIsReadyOnlyOnceTheYearIsReplayed() throws Exception {
        assertThat(demo.running()).as("replaying after startup").isTrue();
        assertThat(readiness()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(120)).until(() -> !demo.running());
        assertThat(readiness()).isEqualTo(200);
        assertThat(cases.concluded()).isEqualTo(CASES);
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @Order(2)
    void aStartOnADatabaseWithScenarioDataDoesNotReplayAgain() {
        long messages = cases.messageStatuses().values().stream().mapToLong(Long::longValue).sum();
        demo.start();
        assertThat(demo.running()).isFalse();
        assertThat(cases.dispatched()).isEqualTo(CASES);
        assertThat(cases.messageStatuses().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(messages);
    }
}
