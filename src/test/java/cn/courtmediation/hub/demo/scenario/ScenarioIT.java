package cn.courtmediation.hub.demo.scenario;

import cn.courtmediation.hub.demo.scenario.ScenarioSettings;
import cn.courtmediation.hub.demo.scenario.ScenarioReport;
import cn.courtmediation.hub.demo.scenario.ScenarioReplay;
import cn.courtmediation.hub.demo.scenario.ScenarioPlanner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.store.HubClock;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.OwnHub;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A year of partner cases replayed through the real flows (signed REST submissions, the deadline scanner,
 * deliveries to the demo courts) on a hub of its own, since it moves the hub's clock: every submission is
 * accepted, every case ends with its court's answer, and what the hub stored gives the 2021 figures.
 */
// A hub of its own: the replay moves the hub's clock through 2021 and counts every case of the database.
@OwnHub
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScenarioIT extends HubIntegrationTest {
    static final int CASES = Integer.getInteger("scenario.it.cases", 200);
    static final String SCENARIO = "%" + ScenarioPlanner.MARKER + "%";

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        // this test runs the replay itself; the demo runner stays off
        registry.add("hub.demo.scenario.enabled", () -> false);
    }

    @Autowired
    ScenarioReplay replay;
    @Autowired
    Clock clock;

    ScenarioReport report;

    @BeforeAll
    void replayAYear() throws Exception {
        ScenarioSettings settings = new ScenarioSettings(CASES, 2021, LocalDate.of(2021, 1, 1),
                List.of("C110105", "C310115", "C440305"), List.of("PBOC", "ACFTU", "M110105001"), 4, 60);
        report = replay.run(settings, URI.create(base()));
    }

    @AfterAll
    void clockBackOnRealTime() {
        ((HubClock) clock).reset();
    }

    @Test
    void everySubmissionIsAccepted() {
        assertThat(report.firstRefusals()).isEmpty();
        assertThat(report.refusals()).isZero();
        assertThat(report.duplicates()).isZero();
        assertThat(report.submissions()).isGreaterThan(3L * CASES);
    }

    @Test
    void everyCaseConcludesAndEndsWithItsCourtsAnswer() {
        Map<String, Long> states = new HashMap<>();
        jdbc.query("select state, outcome from cases where case_id like ?", rs -> {
            states.merge(rs.getString("state"), 1L, Long::sum);
            assertThat(rs.getString("outcome")).as("outcome").isNotNull();
        }, SCENARIO);
        assertThat(states.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(CASES);
        assertThat(states.keySet()).containsOnly("CONFIRMED", "DOCUMENT_ISSUED", "FILED", "WITHDRAWN");
        assertThat(jdbc.queryForObject("select count(distinct outcome) from cases where case_id like ?", Long.class, SCENARIO))
                .as("succeeded, failed, refused, expired, withdrawn").isEqualTo(5L);
    }

    @Test
    void theStatisticsOf2021GiveThePublishedFigures() throws Exception {
        HttpResponse<String> r = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/statistics?from=2021-01-01&to=2022-01-01")).header("Authorization", viewerAuth())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode stats = JSON.readTree(r.body());
        assertThat(stats.path("dispatched").asLong()).isEqualTo(CASES);
        assertThat(stats.path("succeeded").asLong() + stats.path("failed").asLong() + stats.path("refused").asLong()
                + stats.path("expired").asLong() + stats.path("withdrawn").asLong()).as("every case concluded").isEqualTo(CASES);
        assertThat(stats.path("successRate").asDouble()).isCloseTo(0.6265, within(0.05));
        assertThat(stats.path("averageMediationDays").asDouble()).isCloseTo(18.0, within(2.0));
        assertThat(stats.path("casesExtended").asLong()).isPositive();
    }

    @Test
    void everyMessageTheScenarioCausedIsDeliveredWithinTheHourOfItsDay() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select distinct status from messages where case_id like ?", String.class, SCENARIO)).containsOnly("DELIVERED"));
        // at the hub time they would have happened, not hours later when the clock had moved on
        List<Map<String, Object>> late = jdbc.queryForList("select message_id, type, received_at, delivered_at from messages"
                + " where case_id like ? and delivered_at > received_at + interval '1' hour", SCENARIO);
        assertThat(late).isEmpty();
        // the hub's own pushes are among them: filing requests after refusals and expiries, deadline warnings
        assertThat(jdbc.queryForObject("select count(*) from messages where case_id like ? and sender = 'HUB' and type = 'CASE_EVENT'",
                Long.class, SCENARIO)).isPositive();
    }

    @Test
    void theQueuePartnersReadWhatTheHubDeliveredToThem() {
        assertThat(report.partnerReads()).isPositive().isEqualTo(jdbc.queryForObject(
                "select count(*) from messages where case_id like ? and recipient in ('PBOC', 'ACFTU') and status = 'DELIVERED'",
                Long.class, SCENARIO));
    }

    @Test
    void theHubsClockIsBackOnRealTimeAfterwards() {
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofSeconds(5));
    }
}
