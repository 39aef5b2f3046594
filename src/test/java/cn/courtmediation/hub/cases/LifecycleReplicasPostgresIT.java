package cn.courtmediation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.MediationHubApplication;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.store.HubClock;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.PostgresSchema;
import cn.courtmediation.hub.support.TestCourtServer;
import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.support.TestSigners;
import cn.courtmediation.hub.trust.CertificateAuthority;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Time limits with several hub replicas on one PostgreSQL database, and across a restart: each expired case is
 * transferred to filing, and its filing request pushed, exactly once; a restart in the middle of the time limit
 * loses nothing. The replicas are whole hubs (each with its own broker, port and data directory) in this JVM.
 */
class LifecycleReplicasPostgresIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> database = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ConfigurableApplicationContext> hubs = new java.util.ArrayList<>();
    private TestCourtServer courts;

    @BeforeEach
    void sharedDatabase() throws Exception {
        PostgresSchema.register((name, value) -> database.put(name, value.get()));
        courts = new TestCourtServer();
    }

    @AfterEach
    void stop() {
        // the last started first: a replica stops while the broker it uses (the first hub's) is still up, as in
        // production; stopping the broker's hub first left the replica's listeners reconnecting for 30 to 50 s
        // (BrokerOutageIT.aHubStopsPromptlyWhileItsBrokerIsDown covers a stop with the broker gone)
        for (int i = hubs.size() - 1; i >= 0; i--) {
            hubs.get(i).close();
        }
        courts.close();
    }

    @Test
    void twoReplicasTransferEachExpiredCaseToFilingExactlyOnce() {
        ConfigurableApplicationContext a = start(null);
        // as in production, replicas share one broker (here a's), so queueing a message twice is dropped as a duplicate
        start(null, a.getEnvironment().getProperty("hub.broker.port"));
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        String court = court(a);
        String mediator = "RP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        a.getBean(Registry.class).upsert(new Participant(mediator, Kind.MEDIATION_ORG, "测试调解组织", "110105", null, Channel.REST,
                courts.restUrl(mediator), Status.ACTIVE));

        // 40 cases whose deadline passed, committed at once so that both replicas' scanners see them together
        int n = 40;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        a.getBean(org.springframework.transaction.support.TransactionTemplate.class).executeWithoutResult(s -> {
            for (int i = 0; i < n; i++) {
                jdbc.update("insert into cases (case_id, court_code, state, mediator_code, mediator_kind, policy_days, max_extension_days,"
                                + " extension_days, dispatched_at, accepted_at, deadline_at, created_at, updated_at)"
                                + " values (?, ?, 'IN_MEDIATION', ?, 'MEDIATION_ORG', 30, 30, 0, ?, ?, ?, ?, ?)",
                        court + "-" + i, court, mediator, now.minusDays(32), now.minusDays(31), now.minusDays(1), now, now);
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from cases where court_code = ? and state = 'FILING_REQUESTED'", Integer.class, court) == n);
        await().atMost(Duration.ofSeconds(30)).until(() -> courts.receivedBy(court).size() >= n && courts.receivedBy(mediator).size() >= n);
        // and nothing more arrives: every case was claimed by exactly one replica
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            assertThat(courts.receivedBy(court)).hasSize(n);
            assertThat(courts.receivedBy(mediator)).hasSize(n);
        });
        assertThat(jdbc.queryForList("select case_id from case_events where event = 'EXPIRE' and case_id like ? group by case_id"
                + " having count(*) <> 1", String.class, court + "-%")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from case_events where event = 'EXPIRE' and case_id like ?", Integer.class, court + "-%"))
                .isEqualTo(n);
        assertThat(jdbc.queryForObject("select count(*) from messages where sender = 'HUB' and type = 'CASE_EVENT' and case_id like ?",
                Integer.class, court + "-%")).isEqualTo(2 * n);
        assertThat(courts.receivedBy(court).stream().map(r -> caseIdOf(r.payload())).distinct().count()).isEqualTo(n);
    }

    @Test
    void restartInTheMiddleOfTheTimeLimitStillFilesTheCaseOnce() throws Exception {
        ConfigurableApplicationContext a = start(null);
        String dataDir = a.getEnvironment().getProperty("hub.data-dir");
        String court = court(a);
        String org = "RS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        a.getBean(Registry.class).upsert(new Participant(org, Kind.MEDIATION_ORG, "测试调解组织", "110105", null, Channel.REST,
                courts.restUrl(org), Status.ACTIVE));
        TestSigners signers = new TestSigners(a.getBean(CertificateAuthority.class));
        HubClock clockA = a.getBean(HubClock.class);

        ObjectNode dispatch = TestMessages.fresh("case-dispatch.json", court, org, x -> x.with("body").put("courtCode", court));
        String caseId = dispatch.get("caseId").asText();
        assertThat(submit(a, signers, dispatch, clockA)).isEqualTo(202);
        ObjectNode accept = TestMessages.fresh("case-event-accept.json", org, court, x -> x.put("caseId", caseId));
        accept.remove("correlationId");
        assertThat(submit(a, signers, accept, clockA)).isEqualTo(202);

        clockA.advance(Duration.ofDays(20));   // day 20 of 30: nothing due but the 7-day warning later
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select state from cases where case_id = ?", String.class, caseId)).isEqualTo("IN_MEDIATION");
        a.close();
        hubs.remove(a);

        // the hub comes back on the same data directory and database, 31 days after acceptance
        ConfigurableApplicationContext restarted = start(dataDir);
        restarted.getBean(HubClock.class).advance(Duration.ofDays(31));
        JdbcTemplate jdbc2 = restarted.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> "FILING_REQUESTED".equals(
                jdbc2.queryForObject("select state from cases where case_id = ?", String.class, caseId)));
        await().atMost(Duration.ofSeconds(20)).until(() -> filingRequests(court, caseId) == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> filingRequests(court, caseId) == 1);
        assertThat(jdbc2.queryForList("select event from case_events where case_id = ? order by seq", String.class, caseId))
                .containsExactly("DISPATCH", "ACCEPT", "EXPIRE");
    }

    private long filingRequests(String court, String caseId) {
        return courts.receivedBy(court).stream().map(r -> readTree(r.payload()))
                .filter(m -> caseId.equals(m.get("caseId").asText()) && "FILING_REQUEST".equals(m.path("body").path("event").asText())).count();
    }

    private int submit(ConfigurableApplicationContext hub, TestSigners signers, ObjectNode m, HubClock clock) throws Exception {
        byte[] body = TestMessages.bytes(m);
        String port = hub.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/messages"))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature", signers.of(m.get("sender").asText()).signAt(body, clock.instant()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private String court(ConfigurableApplicationContext hub) {
        String code = "RC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        hub.getBean(Registry.class).upsert(new Participant(code, Kind.COURT, "测试人民法院", "110105", null, Channel.REST,
                courts.restUrl(code), Status.ACTIVE));
        return code;
    }

    private static final String REPLICA_BROKER_PASSWORD = "replicas-" + java.util.UUID.randomUUID();

    /** A whole hub on the shared database: its own port, broker and data directory (or the given one, for a restart). */
    private ConfigurableApplicationContext start(String dataDir) {
        return start(dataDir, null);
    }

    /** The same, using another replica's broker (profile external-broker) when brokerPort is given. */
    private ConfigurableApplicationContext start(String dataDir, String brokerPort) {
        Map<String, Object> props = new HashMap<>(database);
        HubTestEnvironment.register((name, value) -> props.put(name, value.get()));
        if (dataDir != null) {
            props.put("hub.data-dir", dataDir);
        }
        props.put("server.port", 0);
        props.put("hub.lifecycle.scan-interval", 100);
        // one internal broker account for all replicas: a replica logs in to the first hub's broker with it
        props.put("hub.broker.password", REPLICA_BROKER_PASSWORD);
        if (brokerPort != null) {
            props.put("spring.artemis.broker-url", "tcp://127.0.0.1:" + brokerPort);
            props.put("spring.artemis.user", "hub");
            props.put("spring.artemis.password", REPLICA_BROKER_PASSWORD);
        }
        // as command-line arguments: they take precedence over the postgres profile's own datasource settings
        String[] args = HubTestEnvironment.arguments(props);
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(MediationHubApplication.class)
                .profiles(brokerPort == null ? new String[] {"postgres"} : new String[] {"postgres", "external-broker"}).run(args);
        hubs.add(hub);
        return hub;
    }

    private static String caseIdOf(byte[] payload) {
        return readTree(payload).get("caseId").asText();
    }

    private static JsonNode readTree(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
