package cn.courtmediation.hub.intake;

import cn.courtmediation.hub.contract.ChannelHeaders;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import cn.courtmediation.hub.store.QuarantineStore;
import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.trust.Evidences;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records every refused submission in quarantine, whatever the channel, and leaves the refusal on the exchange for the channel to render. */
@Component("intakeRefusals")
public class IntakeRefusals {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeRefusals.class);
    private final QuarantineStore quarantine;
    private final Evidences evidences;

    IntakeRefusals(QuarantineStore quarantine, Evidences evidences) {
        this.quarantine = quarantine;
        this.evidences = evidences;
    }

    /**
     * Sets header hubQuarantineId (ChannelHeaders.QUARANTINE_ID) when the input was kept; status look-ups (NOT_FOUND,
     * UNAUTHORIZED), internal errors and an unavailable database
     * are not refusals of the input and are not quarantined, except an internal error on a queue message, which is
     * consumed with a rejection (partner-intake-errors) and so kept. When the database fails while a refusal is kept, a REST or
     * SOAP caller is told SERVICE_UNAVAILABLE (retrying later gets the refusal, kept); a queue message's transaction
     * rolls back instead (the failure is rethrown) so that the broker redelivers it.
     */
    public void record(Exchange exchange) {
        HubException refusal = Problems.of(exchange);
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, refusal);
        if (refusal.code() == ErrorCode.INTERNAL_ERROR) {
            // the hub's own failure, not the client's: the one place it is logged with its stack trace (CXF's and Camel's
            // traces of refusals are off, so that a client's fault is one line)
            LOG.warn("Failed on {} input from {}, answered INTERNAL_ERROR", exchange.getMessage().getHeader(ChannelHeaders.INGRESS),
                    exchange.getMessage().getHeader(ChannelHeaders.SOURCE), caught == null ? exchange.getException() : caught);
        }
        String ingress = exchange.getMessage().getHeader(ChannelHeaders.INGRESS, "UNKNOWN", String.class);
        // a queue message the hub failed on is consumed (partner-intake-errors): kept, like a refusal
        boolean consumedFailure = refusal.code() == ErrorCode.INTERNAL_ERROR && "QUEUE".equals(ingress);
        // NOT_FOUND and UNAUTHORIZED answer status look-ups (GetMessageStatus), never a submission
        if (refusal.code() == ErrorCode.NOT_FOUND || refusal.code() == ErrorCode.UNAUTHORIZED
                || refusal.code() == ErrorCode.INTERNAL_ERROR && !consumedFailure
                || refusal.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            return;
        }
        String source = exchange.getMessage().getHeader(ChannelHeaders.SOURCE, String.class);
        byte[] payload = exchange.getProperty(ChannelHeaders.RAW_PAYLOAD, byte[].class);
        try {
            keep(exchange, refusal, ingress, source, payload);
        } catch (RuntimeException e) {
            if (!Problems.isOutage(e) || "QUEUE".equals(ingress)) {
                throw e;
            }
            // the sender must not be given an id whose evidence may not exist
            exchange.getMessage().removeHeader(ChannelHeaders.QUARANTINE_ID);
            LOG.warn("Refused {} input from {} ({}) could not be quarantined, answered SERVICE_UNAVAILABLE: {}",
                    ingress, source, refusal.code(), String.valueOf(e));
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, Problems.unavailable(
                    "The hub cannot reach its database to record the refusal of this message; nothing was accepted. Retry later."));
        }
    }

    private void keep(Exchange exchange, HubException refusal, String ingress, String source, byte[] payload) {
        // the sender's signature verified before the refusal (a business rule refused it): kept whole, as evidence of what
        // that sender sent; otherwise anyone could fill the database, so only a prefix is kept (the evidence has the hash)
        boolean authenticated = exchange.getMessage().getHeader(ChannelHeaders.SIGNER) != null;
        String id = quarantine.keep(ingress, source, refusal, payload, authenticated);
        exchange.getMessage().setHeader(ChannelHeaders.QUARANTINE_ID, id);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("code", refusal.code().name());
        facts.put("detail", refusal.getMessage());
        facts.put("ingressChannel", ingress);
        facts.put("quarantineId", id);
        facts.put("claimedMessageId", refusal.messageId());
        facts.put("payloadSha256", payload == null ? null : Sha256.hex(payload));
        // filed under the quarantine id, not the messageId the input claims: unauthenticated input must not
        // be able to add entries to an accepted message's evidence trail
        evidences.record(id, Evidences.Kind.SUBMISSION_REJECTED, facts);
        LOG.info("Refused {} input from {}: {} ({}), quarantined as {}", ingress, source, refusal.code(), refusal.getMessage(), id);
    }
}
