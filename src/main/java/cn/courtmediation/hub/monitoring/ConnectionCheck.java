package cn.courtmediation.hub.monitoring;

import cn.courtmediation.hub.api.DirectRoutes;
import cn.courtmediation.hub.contract.ChannelHeaders;
import cn.courtmediation.hub.delivery.DeliveryPlanner;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.store.HubOutbox;
import cn.courtmediation.hub.trust.HubSigner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Send test message", as Domibus's connection monitoring: a hub-signed CONNECTION_TEST message handed to the
 * participant's channel by the same channel routes as every delivery (court REST/SOAP call, or the partner's from-hub
 * address), synchronously, and timed. It is not stored as a message, creates no case and counts in no statistics; the
 * participant's breaker does not judge it (a check must not open or close the circuit).
 */
@Component
public class ConnectionCheck {
    /** The message type a participant recognises a connection check by (header X-Hub-Type, SOAP type, hubType). */
    public static final String TYPE = "CONNECTION_TEST";
    /** The caseId every check carries: no case has it (caseIds are the courts' own, "C…-…"). */
    public static final String CASE_ID = "CONNECTION-TEST";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCheck.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Registry registry;
    private final HubSigner signer;
    private final DirectRoutes routes;
    private final ConnectionChecks checks;
    private final Clock clock;

    ConnectionCheck(Registry registry, HubSigner signer, DirectRoutes routes, ConnectionChecks checks, Clock clock) {
        this.registry = registry;
        this.signer = signer;
        this.routes = routes;
        this.checks = checks;
        this.clock = clock;
    }

    /** Sends one check to the participant and answers its round trip (recorded in connection_checks). */
    public ConnectionChecks.Check send(String code, String requestedBy) {
        Participant p = registry.find(code).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND,
                "No participant " + code + " in the registry."));
        String id = UUID.randomUUID().toString();
        OffsetDateTime sentAt = OffsetDateTime.now(clock);
        byte[] payload = payload(id, code, sentAt);
        Map<String, Object> headers = new HashMap<>();
        headers.put(ChannelHeaders.MESSAGE_ID, id);
        headers.put(ChannelHeaders.TYPE, TYPE);
        headers.put(ChannelHeaders.SENDER, HubOutbox.HUB);
        headers.put(ChannelHeaders.RECIPIENT, code);
        headers.put(ChannelHeaders.CASE_ID, CASE_ID);
        headers.put(ChannelHeaders.CHANNEL, p.channel().name());
        if (p.endpoint() != null) {
            headers.put(ChannelHeaders.ENDPOINT, p.endpoint());
        }
        headers.put(ChannelHeaders.SIGNATURE, signer.sign(payload));
        long started = System.nanoTime();
        String outcome;
        String error = null;
        try {
            routes.request("direct:connection-check-send", payload, headers, Object.class);
            outcome = p.channel() == Participant.Channel.QUEUE ? "QUEUED" : "DELIVERED";
        } catch (RuntimeException e) {
            outcome = "FAILED";
            Throwable cause = e.getCause() != null && e.getClass().getName().startsWith("org.apache.camel") ? e.getCause() : e;
            error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        ConnectionChecks.Check check = new ConnectionChecks.Check(id, code, p.channel().name(), outcome, sentAt,
                "FAILED".equals(outcome) ? null : OffsetDateTime.now(clock), millis, error, requestedBy);
        checks.record(check);
        LOG.info("Connection check {} to {} ({}): {} in {} ms", id, code, p.channel(), outcome, millis);
        return check;
    }

    /** Route step: keeps the check's bytes where the channel routes take a delivery's payload from. */
    public void keepPayload(Exchange exchange) {
        exchange.setProperty(DeliveryPlanner.PAYLOAD_PROPERTY, exchange.getMessage().getBody(byte[].class));
    }

    private static byte[] payload(String id, String code, OffsetDateTime sentAt) {
        ObjectNode m = JSON.createObjectNode();
        m.put("messageId", id);
        m.put("type", TYPE);
        m.put("sender", HubOutbox.HUB);
        m.put("recipient", code);
        m.put("caseId", CASE_ID);
        m.put("sentAt", sentAt.toString());
        m.putObject("body").put("note", "连接测试 / connection test from the hub's operations console: no case, nothing to process");
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }
}
