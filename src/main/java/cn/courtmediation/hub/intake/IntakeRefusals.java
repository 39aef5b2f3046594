package cn.courtmediation.hub.intake;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import cn.courtmediation.hub.store.QuarantineStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records every refused submission in quarantine, whatever the channel, and leaves the refusal on the exchange for the channel to render. */
@Component("intakeRefusals")
public class IntakeRefusals {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeRefusals.class);
    private final QuarantineStore quarantine;

    IntakeRefusals(QuarantineStore quarantine) {
        this.quarantine = quarantine;
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
        LOG.info("Refused {} input from {}: {} ({}), quarantined as {}", ingress, source, refusal.code(), refusal.getMessage(), id);
    }
}
