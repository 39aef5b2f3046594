package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.contract.ChannelHeaders;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.store.StoredMessage;
import cn.courtmediation.hub.trust.HubSigner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Prepares one queued message for delivery in two steps. {@link #plan} decides from the row's metadata alone
 * (no payload, no signature): skip it (delivered, given up, unknown to the store, parked), let it wait (an
 * earlier message of its case to the same recipient is not finished; the recipient's breaker is open or its
 * bulkhead full), or deliver it. Only then does {@link #prepare} load the payload and sign it.
 */
@Component("deliveryPlanner")
public class DeliveryPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPlanner.class);
    public static final String PAYLOAD_PROPERTY = "hubPayload";
    public static final String STORED_PROPERTY = "hubStoredMessage";
    /** Header the route branches on: DELIVER, WAIT or SKIP. */
    public static final String DECISION = "hubDecision";
    /** Header: how long (ms) a waiting message stays away. */
    static final String WAIT_MS = "hubWaitMs";
    /** Property: attempts that had failed before this one (for the backoff). */
    static final String ATTEMPTS_BEFORE = "hubAttemptsBefore";
    /** Property: how often the message was replayed (its retries need duplicate-detection keys of their own). */
    static final String REPLAYS = "hubReplays";

    private final MessageStore store;
    private final Registry registry;
    private final HubSigner signer;
    private final RecipientGuard guard;
    private final OrphanEntries orphans;
    private final DeliveryNode node;
    private final java.time.Clock clock;
    private final long orderWait;
    private final Duration attemptLease;
    private final long claimedWait;
    private final Counter prepared;
    private final Counter waitedForOrder;
    private final Counter waitedForRecipient;
    private final Counter waitedForClaim;

    DeliveryPlanner(MessageStore store, Registry registry, HubSigner signer, RecipientGuard guard, OrphanEntries orphans, DeliveryNode node,
                    MeterRegistry meters, java.time.Clock clock, DeliverySettings settings) {
        this.store = store;
        this.clock = clock;
        this.registry = registry;
        this.signer = signer;
        this.guard = guard;
        this.orphans = orphans;
        this.node = node;
        this.orderWait = settings.orderWait();
        this.attemptLease = settings.attemptLease();
        this.claimedWait = Math.max(settings.orderWait(), settings.unavailableWait());
        this.prepared = Counter.builder("hub.delivery.prepared").description("Payloads loaded and hub-signed for an attempt").register(meters);
        this.waitedForOrder = Counter.builder("hub.delivery.waits").tag("reason", "order")
                .description("Queue entries sent back to wait, without loading or signing").register(meters);
        this.waitedForRecipient = Counter.builder("hub.delivery.waits").tag("reason", "recipient")
                .description("Queue entries sent back to wait, without loading or signing").register(meters);
        this.waitedForClaim = Counter.builder("hub.delivery.waits").tag("reason", "attempt")
                .description("Queue entries sent back to wait, without loading or signing").register(meters);
    }

    /** Body in: the messageId. Afterwards header hubDecision, and for DELIVER the routing headers (see DeliveryHeaders). */
    public void plan(Exchange exchange) {
        Message in = exchange.getMessage();
        String messageId = in.getBody(String.class).trim();
        in.removeHeaders("*");
        in.setHeader(ChannelHeaders.MESSAGE_ID, messageId);
        Optional<MessageStore.Queued> found = store.queued(messageId);
        if (found.isEmpty()) {
            // the broker holds what the store lost: recorded for the operator and acknowledged, never retried
            orphans.record(messageId, exchange.getFromEndpoint() == null ? null : exchange.getFromEndpoint().getEndpointKey());
            skip(in);
            return;
        }
        MessageStore.Queued m = found.get();
        if (m.finished()) {
            LOG.info("Message {} is already {}; queue entry skipped", messageId, m.status());
            skip(in);
            return;
        }
        Participant recipient = registry.find(m.recipient()).orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_RECIPIENT,
                "Recipient " + m.recipient() + " left the registry after the message was accepted", messageId, List.of()));
        if (!recipient.active()) {
            // parked, not lost: released in order when the recipient resumes (MessageRelease)
            store.park(messageId, "RECIPIENT_SUSPENDED: " + recipient.code() + " is suspended; the message waits until it resumes");
            LOG.info("Message {} parked: recipient {} is suspended", messageId, recipient.code());
            skip(in);
            return;
        }
        in.setHeader(ChannelHeaders.TYPE, m.type());
        in.setHeader(ChannelHeaders.SENDER, m.sender());
        in.setHeader(ChannelHeaders.RECIPIENT, m.recipient());
        in.setHeader(ChannelHeaders.CASE_ID, m.caseId());
        in.setHeader(ChannelHeaders.CHANNEL, recipient.channel().name());
        in.setHeader(ChannelHeaders.ENDPOINT, recipient.endpoint());
        exchange.setProperty(ATTEMPTS_BEFORE, m.attempts());
        exchange.setProperty(REPLAYS, m.replays());
        // the order check comes before the breaker, so the probe after an outage is always the head of its case
        // which one, and how many, only when the row's read said it is blocked (rare: most messages are next in line)
        Optional<MessageStore.Earlier> earlier = m.blocked() ? store.earlierUnfinished(m.caseId(), m.recipient(), m.acceptSeq())
                : Optional.empty();
        if (earlier.isPresent()) {
            waitFor(in, orderWait(earlier.get(), m.recipient()));
            waitedForOrder.increment();
            LOG.debug("Message {} waits for {} ({}) of case {} to {}", messageId, earlier.get().messageId(), earlier.get().status(),
                    m.caseId(), m.recipient());
            return;
        }
        long unavailable = guard.tryAcquire(exchange);
        if (unavailable > 0) {
            waitFor(in, unavailable);
            waitedForRecipient.increment();
            return;
        }
        // a second copy of this message, taken by another consumer while an attempt is under way: it comes back
        // later and is skipped once the message is delivered (the permit goes back unjudged)
        if (!store.claimAttempt(messageId, OffsetDateTime.now(clock).plus(attemptLease), node.id())) {
            guard.release(exchange);
            LOG.info("Message {}: another attempt is under way; this queue entry waits {} ms", messageId, claimedWait);
            waitFor(in, claimedWait);
            waitedForClaim.increment();
            return;
        }
        in.setHeader(DECISION, "DELIVER");
    }

    /**
     * A later message waits as long as its predecessors cannot move: until the first one's next attempt is due or the
     * recipient's breaker lets a probe through, plus order-wait for each unfinished predecessor. So after an outage
     * a case's queue wakes up one message after the other, each shortly after the one before it went, rather than
     * all at the probe's time (and then once more a full breaker wait later).
     */
    private long orderWait(MessageStore.Earlier earlier, String recipient) {
        long untilRetry = earlier.nextAttemptAt() == null ? 0
                : Duration.between(OffsetDateTime.now(clock), earlier.nextAttemptAt()).toMillis();
        return Math.max(0, Math.max(untilRetry, guard.waitHint(recipient))) + orderWait * Math.max(1, earlier.ahead());
    }

    /** The attempt failed and a retry or give-up follows: the claim ends, so the next copy may attempt at once. */
    public void endAttempt(Exchange exchange) {
        store.endAttempt(exchange.getMessage().getHeader(ChannelHeaders.MESSAGE_ID, String.class));
    }

    /**
     * The attempt was rolled back (the hub's own infrastructure failed): the claim ends if the database lets it, else it
     * lapses after attempt-lease; the failure being handled is not masked by a second one.
     */
    public void endAttemptIfPossible(Exchange exchange) {
        try {
            endAttempt(exchange);
        } catch (RuntimeException e) {
            LOG.debug("Claim of {} not ended now ({}); it lapses", exchange.getMessage().getHeader(ChannelHeaders.MESSAGE_ID), e.toString());
        }
    }

    /** Loads the payload and signs it: only for a message that planning let through (hubDecision DELIVER). */
    public void prepare(Exchange exchange) {
        Message in = exchange.getMessage();
        String messageId = in.getHeader(ChannelHeaders.MESSAGE_ID, String.class);
        StoredMessage m = store.find(messageId).orElseThrow(() ->
                new IllegalStateException("Message " + messageId + " left the store while it was being delivered"));
        prepared.increment();
        // a fan-out's children carry the same bytes to thousands of recipients: one hub signature serves them all
        in.setHeader(ChannelHeaders.SIGNATURE, m.fanoutId() != null ? signer.signShared(m.payload(), m.payloadSha256())
                : signer.sign(m.payload()));
        if (m.senderSignature() != null) {
            in.setHeader(ChannelHeaders.SENDER_SIGNATURE, m.senderSignature());
        }
        if (m.documentReport() != null) {
            in.setHeader(ChannelHeaders.DOCUMENT_REPORT, Base64.getEncoder().encodeToString(m.documentReport()));
        }
        in.setBody(m.payload());
        // each channel route starts from this copy, so a retried attempt never sees a previous attempt's body
        exchange.setProperty(PAYLOAD_PROPERTY, m.payload());
        // the outcome (delivered or failed) records its evidence from this row rather than reading it again
        exchange.setProperty(STORED_PROPERTY, m);
    }

    private static void skip(Message in) {
        in.setHeader(DECISION, "SKIP");
    }

    private static void waitFor(Message in, long ms) {
        in.setHeader(DECISION, "WAIT");
        in.setHeader(WAIT_MS, ms);
    }
}
