package cn.courtmediation.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.delivery.DeliveryOutcomes;
import cn.courtmediation.hub.delivery.RecipientGuard;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import cn.courtmediation.hub.support.RetryingHubTest;
import cn.courtmediation.hub.support.TestCases;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Registry-driven routing: suspended recipients parked then released on resume, suspended senders
 * refused, the allowed pairs (CHANNEL_NOT_ALLOWED), the registry cache following another replica's
 * change, and a dead court that costs healthy courts nothing (circuit breaker, bulkhead, no thread held).
 */
class RegistryRoutingIT extends RetryingHubTest {

    @Autowired
    RecipientGuard guard;
    @Autowired
    DeliveryOutcomes outcomes;

    HttpResponse<String> submit(ObjectNode m) throws Exception {
        byte[] body = TestMessages.bytes(m);
        return postMessage(body, signers.sign(m.get("sender").asText(), body));
    }

    HttpResponse<String> admin(String method, String path) throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create(tlsBase() + path)).header("Authorization", adminAuth())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    String status(String messageId) throws Exception {
        return JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/messages/" + messageId)).header("Authorization", viewerAuth()).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("status").asText();
    }

    @Test
    void messageForASuspendedRecipientIsParkedAndFlowsWhenItResumes() throws Exception {
        String court = newCourt("CR", Channel.REST);
        String partner = newPartner("PR");
        assertThat(admin("POST", "/admin/registry/participants/" + partner + "/suspend").statusCode()).isEqualTo(200);

        ObjectNode m = TestMessages.fresh("case-dispatch.json", court, partner);
        assertThat(submit(m).statusCode()).isEqualTo(202);
        String id = m.get("messageId").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> status(id).equals("PARKED"));
        assertThat(amqp.receive("partner." + partner + ".from-hub", 500)).isNull();

        JsonNode resumed = JSON.readTree(admin("POST", "/admin/registry/participants/" + partner + "/resume").body());
        assertThat(resumed.at("/participant/status").asText()).isEqualTo("ACTIVE");
        // released by the resume call or by the relay sweep, whichever comes first: once
        TextMessage delivered = (TextMessage) amqp.receive("partner." + partner + ".from-hub", 15_000);
        assertThat(delivered.getStringProperty("hubMessageId")).isEqualTo(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("DELIVERED"));
    }

    @Test
    void suspendedSenderIsRefused() throws Exception {
        String court = newCourt("CS", Channel.REST);
        String partner = newPartner("PS");
        registry.setStatus(court, Status.SUSPENDED);
        HttpResponse<String> r = submit(TestMessages.fresh("case-dispatch.json", court, partner));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("SENDER_SUSPENDED");
    }

    @Test
    void grassrootsUnitTalksOnlyWithTheCourtItIsDockedTo() throws Exception {
        String court = newCourt("CG", Channel.REST);
        String other = newCourt("CO", Channel.REST);
        String partner = newPartner("PG");
        String unit = "GU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        registry.upsert(new Participant(unit, Kind.GRASSROOTS_UNIT, "测试街道综治中心", "110105", court, Channel.REST,
                courts.restUrl(unit), Status.ACTIVE));

        HttpResponse<String> toPartner = submit(TestMessages.fresh("notice.json", unit, partner));
        assertThat(toPartner.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(toPartner.body()).get("code").asText()).isEqualTo("CHANNEL_NOT_ALLOWED");
        HttpResponse<String> toOther = submit(TestMessages.fresh("notice.json", unit, other));
        assertThat(JSON.readTree(toOther.body()).get("code").asText()).isEqualTo("CHANNEL_NOT_ALLOWED");
        assertThat(JSON.readTree(toOther.body()).get("detail").asText()).contains("docked to " + court);

        ObjectNode ok = TestMessages.fresh("notice.json", unit, court);
        assertThat(submit(ok).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> courts.receivedBy(court).size() == 1);
    }

    @Test
    void routingFollowsARegistryChangeMadeByAnotherReplica() throws Exception {
        String court = newCourt("CV", Channel.REST);
        assertThat(registry.find(court).orElseThrow().endpoint()).isEqualTo(courts.restUrl(court));
        String moved = courts.restUrl(court + "-NEW");
        // what another replica's write looks like: the row and the shared version, not this replica's cache
        jdbc.update("update participants set endpoint = ? where code = ?", moved, court);
        jdbc.update("update registry_state set version = version + 1 where id = 1");

        await().atMost(Duration.ofSeconds(5)).until(() -> moved.equals(registry.find(court).orElseThrow().endpoint()));
        ObjectNode m = TestMessages.fresh("mediation-result.json", "PBOC", court, TestCases::failedAskingForFiling);
        TestCases.inMediation(jdbc, m, court, "PBOC");
        byte[] body = TestMessages.bytes(m);
        amqp.send("partner.PBOC.to-hub", new String(body, StandardCharsets.UTF_8),
                java.util.Map.of("hubSignature", signers.sign("PBOC", body)));
        await().atMost(Duration.ofSeconds(15)).until(() -> courts.receivedBy(court + "-NEW").size() == 1);
    }

    @Test
    void deadCourtCostsHealthyCourtsNothing() throws Exception {
        String dead = newCourt("CD", Channel.REST);
        String healthy = newCourt("CH", Channel.REST);
        courts.failing(dead, true);
        String partner = newPartner("PD");
        List<String> toDead = new ArrayList<>();
        List<String> toHealthy = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            toDead.add(sendResult(partner, dead));
        }
        for (int i = 0; i < 20; i++) {
            toHealthy.add(sendResult(partner, healthy));
        }

        // the healthy court gets everything while the dead court's messages are still waiting for retries
        await().atMost(Duration.ofSeconds(20)).until(() -> courts.receivedBy(healthy).size() == 20);
        for (String id : toHealthy) {
            await().atMost(Duration.ofSeconds(5)).until(() -> status(id).equals("DELIVERED"));
        }
        for (String id : toDead) {
            assertThat(status(id)).isIn("ACCEPTED", "RELAYED");
        }
        assertThat(guard.state(dead)).isEqualTo("OPEN");
        assertThat(guard.state(healthy)).isEqualTo("CLOSED");
        // the breaker spares the dead court: far fewer calls than 20 messages x attempts
        assertThat(courts.refusedBy(dead)).isLessThan(20);
    }

    @Test
    void aMessageDeliveredBeforeItWasMarkedRelayedStillGetsItsRelayedTimeAndEvidence() throws Exception {
        String court = newCourt("CY", Channel.REST);
        String id = sendResult("PBOC", court);
        await().atMost(Duration.ofSeconds(15)).until(() -> status(id).equals("DELIVERED"));
        // what the race leaves when the delivery consumer finishes before the sender marks the message relayed
        jdbc.update("update messages set relayed_at = null where message_id = ?", id);
        jdbc.update("delete from evidences where message_id = ? and kind = 'RELAYED'", id);

        outcomes.relayed(id);
        // the relay sweep queueing it again: nothing changes, no second evidence
        outcomes.relayed(id);

        assertThat(status(id)).isEqualTo("DELIVERED");
        OffsetDateTime relayed = jdbc.queryForObject("select relayed_at from messages where message_id = ?", OffsetDateTime.class, id);
        OffsetDateTime delivered = jdbc.queryForObject("select delivered_at from messages where message_id = ?", OffsetDateTime.class, id);
        assertThat(relayed).isNotNull();
        assertThat(relayed).isBeforeOrEqualTo(delivered);
        assertThat(jdbc.queryForObject("select count(*) from evidences where message_id = ? and kind = 'RELAYED'", Integer.class, id))
                .isEqualTo(1);
    }

    /** A signed mediation result from the partner's queue to the court, for a case in mediation; returns its messageId. */
    String sendResult(String partner, String court) throws Exception {
        ObjectNode m = TestMessages.fresh("mediation-result.json", partner, court, TestCases::failedAskingForFiling);
        TestCases.inMediation(jdbc, m, court, partner);
        byte[] body = TestMessages.bytes(m);
        amqp.send("partner." + partner + ".to-hub", new String(body, StandardCharsets.UTF_8),
                java.util.Map.of("hubSignature", signers.sign(partner, body)));
        return m.get("messageId").asText();
    }

    @Test
    void registrySearchPagesAndRefusesBadEntries() throws Exception {
        newCourt("CP", Channel.REST);
        JsonNode page = JSON.readTree(admin("GET", "/admin/registry/participants?kind=COURT&page=0&size=2").body());
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(page.get("items")).hasSize(2);
        HttpResponse<String> bad = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/registry/participants/CX-BAD"))
                .header("Authorization", adminAuth()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"code\":\"CX-BAD\",\"kind\":\"COURT\",\"name\":\"x\",\"channel\":\"REST\","
                        + "\"endpoint\":\"ftp://nowhere\",\"status\":\"ACTIVE\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(bad.body()).get("detail").asText()).contains("http(s) endpoint");
        assertThat(admin("GET", "/admin/registry/participants/NOPE").statusCode()).isEqualTo(404);
    }
}
