package cn.courtmediation.hub.metrics;

import cn.courtmediation.hub.contract.ChannelHeaders;
import cn.courtmediation.hub.contract.Envelope;
import cn.courtmediation.hub.delivery.DeliveryPlanner;
import cn.courtmediation.hub.delivery.RecipientGuard;
import cn.courtmediation.hub.error.PersonalNumbers;
import cn.courtmediation.hub.metrics.HubCounters.Outcome;
import cn.courtmediation.hub.store.StoredMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The routes' one call at each turn of a message's passage (accepted, refused, delivery attempted, delivered, retried,
 * failed): one INFO line per accepted message and per delivery, in key=value form with ids and participant codes only
 * (never the payload, so never personal data), the hub counters, and messageId/caseId in the logging MDC for every
 * other line the exchange logs (the JSON log format carries them; application.yaml logging.structured).
 */
@Component("messageActivity")
class MessageActivity {
    private static final Logger LOG = LoggerFactory.getLogger(MessageActivity.class);
    /** MDC keys, present on every line logged while an exchange works on a known message. */
    static final String MDC_MESSAGE_ID = "messageId";
    static final String MDC_CASE_ID = "caseId";
    /** Exchange property: the validated envelope, kept for the accepted line once the body has become the receipt. */
    private static final String ENVELOPE = "hubActivityEnvelope";
    /** Set by delivery/RecipientGuard when the recipient's permit was taken (System.nanoTime): the attempt's start. */
    private static final String CALL_STARTED = RecipientGuard.STARTED;
    /** Set by delivery/DeliveryPlanner: the stored row of the message being delivered. */
    private static final String STORED = DeliveryPlanner.STORED_PROPERTY;

    private final HubCounters counters;

    MessageActivity(HubCounters counters) {
        this.counters = counters;
    }

    /** Intake, right after validation (body: the Envelope): remembers it and tags the exchange's log lines. */
    public void received(Exchange exchange) {
        Envelope e = exchange.getMessage().getBody(Envelope.class);
        if (e == null) {
            return;
        }
        exchange.setProperty(ENVELOPE, e);
        tag(exchange, e.messageId(), e.caseId());
    }

    /** Intake, after the message was stored for the first time (a re-send is neither logged nor counted again). */
    public void accepted(Exchange exchange) {
        Envelope e = exchange.getProperty(ENVELOPE, Envelope.class);
        String channel = exchange.getMessage().getHeader(ChannelHeaders.INGRESS, String.class);
        if (e == null) {
            return;
        }
        counters.count(Outcome.ACCEPTED, e.type(), channel);
        LOG.info("Accepted messageId={} caseId={} type={} sender={} recipient={} channel={} ms={}", e.messageId(), masked(e.caseId()),
                e.type(), e.sender(), e.recipient(), channel, exchange.getClock().elapsed());
    }

    /**
     * The error handlers of the intake edges, after intakeRefusals recorded the refusal (which logged its one line): counts
     * it when it was a refusal of the input (kept in quarantine), not the hub's own failure.
     */
    public void refused(Exchange exchange) {
        Message in = exchange.getMessage();
        if (in.getHeader(ChannelHeaders.QUARANTINE_ID) == null) {
            return;
        }
        Envelope e = exchange.getProperty(ENVELOPE, Envelope.class);
        counters.count(Outcome.REFUSED, e == null ? null : e.type(), in.getHeader(ChannelHeaders.INGRESS, String.class));
    }

    /**
     * Delivery, as a queue entry is taken (body: the messageId): tags the exchange's log lines, replacing whatever an
     * earlier exchange left on this consumer thread (one that went on on another thread cannot remove its own tags here).
     */
    public void dispatching(Exchange exchange) {
        MDC.remove(MDC_CASE_ID);
        tag(exchange, exchange.getMessage().getBody(String.class), null);
    }

    /** Delivery, when an attempt starts (the planner set the message's headers): adds the caseId to the tags. */
    public void attempting(Exchange exchange) {
        Message in = exchange.getMessage();
        tag(exchange, in.getHeader(ChannelHeaders.MESSAGE_ID, String.class), in.getHeader(ChannelHeaders.CASE_ID, String.class));
    }

    /** Delivery, after DELIVERED was recorded: the delivery line (ms: the attempt; sinceAcceptedMs: from the receipt). */
    public void delivered(Exchange exchange) {
        Message in = exchange.getMessage();
        retag(exchange);
        String type = in.getHeader(ChannelHeaders.TYPE, String.class);
        String channel = in.getHeader(ChannelHeaders.CHANNEL, String.class);
        counters.count(Outcome.DELIVERED, type, channel);
        Long started = exchange.getProperty(CALL_STARTED, Long.class);
        long ms = started == null ? exchange.getClock().elapsed() : (System.nanoTime() - started) / 1_000_000;
        StoredMessage stored = exchange.getProperty(STORED, StoredMessage.class);
        Long sinceAccepted = stored == null || stored.receivedAt() == null ? null
                : Duration.between(stored.receivedAt(), OffsetDateTime.now()).toMillis();
        LOG.info("Delivered messageId={} caseId={} type={} sender={} recipient={} channel={} ms={} sinceAcceptedMs={}",
                in.getHeader(ChannelHeaders.MESSAGE_ID), masked(in.getHeader(ChannelHeaders.CASE_ID, String.class)), type,
                in.getHeader(ChannelHeaders.SENDER), in.getHeader(ChannelHeaders.RECIPIENT), channel, ms, sinceAccepted);
    }

    /**
     * Delivery, as a failed attempt is handled: tags the log lines of the thread it is handled on (a failed SOAP call
     * goes on on a CXF thread) before DeliveryRetries and DeliveryOutcomes log the failure.
     */
    public void failing(Exchange exchange) {
        retag(exchange);
    }

    /** Delivery, when a failed attempt is re-queued for another (DeliveryRetries logged why). */
    public void retried(Exchange exchange) {
        retag(exchange);
        counters.count(Outcome.RETRIED, typeOf(exchange), channelOf(exchange));
    }

    /** Delivery, when the hub gave the message up (FAILED, a dead letter; DeliveryOutcomes logged why). */
    public void failed(Exchange exchange) {
        retag(exchange);
        counters.count(Outcome.FAILED, typeOf(exchange), channelOf(exchange));
    }

    /** Set once the exchange removes its MDC keys when done. */
    private static final String TAGGED = "hubActivityTagged";

    private static String typeOf(Exchange exchange) {
        StoredMessage stored = exchange.getProperty(STORED, StoredMessage.class);
        return stored != null ? stored.type() : exchange.getMessage().getHeader(ChannelHeaders.TYPE, String.class);
    }

    private static String channelOf(Exchange exchange) {
        return exchange.getMessage().getHeader(ChannelHeaders.CHANNEL, String.class);
    }

    /**
     * Tags again, on the thread the exchange now runs on: a SOAP delivery (CXF) goes on on a thread of its own after the
     * call, without the MDC of the thread that made it.
     */
    private static void retag(Exchange exchange) {
        StoredMessage stored = exchange.getProperty(STORED, StoredMessage.class);
        if (stored != null) {
            tag(exchange, stored.messageId(), stored.caseId());
        }
    }

    /**
     * A caseId is chosen by the court (any letters and digits): one that holds a party's ID or phone number is logged
     * masked, as every log line must be free of them.
     */
    private static String masked(String caseId) {
        return PersonalNumbers.mask(caseId);
    }

    /** messageId and caseId in the MDC until the exchange is done (then removed: the thread serves other messages next). */
    private static void tag(Exchange exchange, String messageId, String caseId) {
        if (messageId == null) {
            return;
        }
        MDC.put(MDC_MESSAGE_ID, messageId);
        if (caseId != null) {
            MDC.put(MDC_CASE_ID, masked(caseId));
        }
        if (exchange.getProperty(TAGGED) == null) {
            exchange.setProperty(TAGGED, true);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    MDC.remove(MDC_MESSAGE_ID);
                    MDC.remove(MDC_CASE_ID);
                }
            });
        }
    }
}
