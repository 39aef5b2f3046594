package cn.courtmediation.hub.intake;

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

    /** Sets header hubQuarantineId when the input was kept; status look-ups and internal errors are not quarantined. */
    public void record(Exchange exchange) {
        HubException refusal = Problems.of(exchange);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, refusal);
        if (refusal.code() == ErrorCode.NOT_FOUND || refusal.code() == ErrorCode.INTERNAL_ERROR) {
            return;
        }
        String ingress = exchange.getMessage().getHeader(IntakeHeaders.INGRESS, "UNKNOWN", String.class);
        String source = exchange.getMessage().getHeader(IntakeHeaders.SOURCE, String.class);
        byte[] payload = exchange.getProperty(IntakeHeaders.RAW_PAYLOAD, byte[].class);
        String id = quarantine.keep(ingress, source, refusal, payload);
        exchange.getMessage().setHeader("hubQuarantineId", id);
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
