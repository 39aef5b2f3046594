package cn.courtmediation.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.CourtLevel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import cn.courtmediation.hub.simulator.CourtSimulator;
import cn.courtmediation.hub.simulator.CourtStats;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fan-out: one signed notice to the courts of a region reaches each of them once, over REST and SOAP,
 * on the court-system simulator (which verifies the hub's signature), tracked per recipient. The
 * default run uses 300 simulated courts; the full 3,502 is a load run: scripts/fanout.sh (Maven profile fanout-full).
 */
class FanoutIT extends HubIntegrationTest {
    /** 300 in the default run; -Dfanout.courts=3502 for the national figure. */
    static final int COURTS = Integer.getInteger("fanout.courts", 300);
    static final String REGION = "98";

    CourtSimulator simulator;
    final List<String> courtsInRegion = new ArrayList<>();

    @BeforeAll
    void simulatedCourts() throws Exception {
        simulator = CourtSimulator.start(0, hubKeys.caCertificate());
        List<Participant> batch = new ArrayList<>();
        for (int i = 0; i < COURTS; i++) {
            String code = String.format("C98%04d", i);
            boolean soap = i % 3 == 0;
            batch.add(new Participant(code, Kind.COURT, "模拟第" + i + "人民法院", REGION + String.format("%04d", i), null,
                    soap ? Channel.SOAP : Channel.REST, simulator.baseUrl() + "/courts/" + code + (soap ? "/soap" : "/rest"),
                    Status.ACTIVE, CourtLevel.BASIC, null, 30, 30));
            courtsInRegion.add(code);
        }
        registry.upsertAll(batch);
    }

    @AfterAll
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void noticeToTheCourtsOfARegionReachesEachCourtOnceAndIsTrackedPerRecipient() throws Exception {
        ObjectNode m = TestMessages.fresh("notice.json", "C110105", "REGION-" + REGION + "-COURTS");
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign("C110105", body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = m.get("messageId").asText();
        long start = System.nanoTime();

        await().atMost(Duration.ofSeconds(300)).until(() -> recipients(id).get("delivered").asInt() == COURTS);
        // a figure for the closing note, not an assertion: timings belong in benchmarks
        System.out.printf("FANOUT %d courts delivered in %d ms%n", COURTS, (System.nanoTime() - start) / 1_000_000);
        JsonNode progress = recipients(id);
        assertThat(progress.get("total").asInt()).isEqualTo(COURTS);
        assertThat(progress.get("failed").asInt()).isZero();
        for (String court : courtsInRegion) {
            CourtStats s = simulator.stats(court);
            assertThat(s.received()).as(court).isEqualTo(1);
            assertThat(s.badSignatures()).as(court).isZero();
        }
        assertThat(simulator.totals().duplicates()).isZero();
        // every child: its relayed time (even when its delivery finished before the fan-out marked the children
        // relayed) and its own signed DELIVERED evidence
        assertThat(jdbc.queryForObject("select count(*) from messages where fanout_id = ? and relayed_at is null", Integer.class, id))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from evidences e join messages m on m.message_id = e.message_id"
                + " where m.fanout_id = ? and e.kind = 'DELIVERED'", Integer.class, id)).isEqualTo(COURTS);
        assertThat(JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/messages/" + id)).header("Authorization", viewerAuth()).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("status").asText()).isEqualTo("FANNED_OUT");
    }

    @Test
    void groupMessageStoredButNeverExpandedIsExpandedByTheSweepNotFailed() throws Exception {
        // what a crash between storing a group message and expanding it leaves behind: an ACCEPTED row to the group
        ObjectNode m = TestMessages.fresh("notice.json", "C110105", "REGION-" + REGION + "-COURTS");
        byte[] body = TestMessages.bytes(m);
        String id = m.get("messageId").asText();
        jdbc.update("insert into messages (message_id, type, sender, recipient, case_id, ingress_channel, status, payload,"
                        + " payload_sha256, received_at, attempts) values (?, 'NOTICE', 'C110105', ?, ?, 'REST', 'ACCEPTED', ?, ?,"
                        + " current_timestamp, 0)",
                id, m.get("recipient").asText(), m.get("caseId").asText(), body, cn.courtmediation.hub.contract.Sha256.hex(body));

        await().atMost(Duration.ofSeconds(300)).until(() -> recipients(id).get("delivered").asInt() == COURTS);
        assertThat(recipients(id).get("failed").asInt()).isZero();
        assertThat(JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/messages/" + id)).header("Authorization", viewerAuth()).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("status").asText()).isEqualTo("FANNED_OUT");
    }

    @Test
    void onlyCourtsMayAddressAGroup() throws Exception {
        ObjectNode m = TestMessages.fresh("notice.json", "PBOC", "ALL-COURTS");
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign("PBOC", body));
        assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("CHANNEL_NOT_ALLOWED");
    }

    JsonNode recipients(String id) throws Exception {
        return JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/messages/" + id + "/recipients")).header("Authorization", viewerAuth()).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
