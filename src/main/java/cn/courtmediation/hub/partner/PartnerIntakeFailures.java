package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Decides whether a partner message whose intake failed is rolled back for the broker to redeliver, or answered and
 * consumed (partner-intake-errors). Rolled back: the hub's own infrastructure failing (database unreachable, timing out,
 * locked; broker; the message log: SERVICE_UNAVAILABLE), for as long as it lasts, so nothing is lost; and any other
 * unexpected failure for its first attempts only, in case it was transient after all. Answered: a refusal at once, and
 * an unexpected failure on its last attempt: it would fail again on every redelivery (a constraint, a bug), so it is
 * quarantined and answered INTERNAL_ERROR instead of being redelivered for ever. Narrower than delivery's
 * InfrastructureFailures, which counts every data-access failure as infrastructure.
 */
@Component("partnerIntakeFailures")
public class PartnerIntakeFailures {
    /** Exchange property: how often the broker has delivered the message (JMSXDeliveryCount), set by PartnerMessageBody. */
    static final String DELIVERY_COUNT = "hubDeliveryCount";

    private final int attempts;

    PartnerIntakeFailures(PartnerSettings settings) {
        this.attempts = settings.unexpectedFailureAttempts();
    }

    /** True when the exchange's failure rolls the message back; false when it is answered. */
    public boolean rollsBack(Exchange exchange) {
        Throwable t = exchange.getException() != null ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (isInfrastructure(t)) {
            return true;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HubException) {
                return false;
            }
        }
        Integer delivered = exchange.getProperty(DELIVERY_COUNT, Integer.class);
        return delivered != null && delivered < attempts;
    }

    static boolean isInfrastructure(Throwable t) {
        if (Problems.isOutage(t)) {
            return true;
        }
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof jakarta.jms.JMSException || t instanceof jakarta.jms.JMSRuntimeException
                    || t instanceof org.springframework.jms.JmsException
                    || t instanceof HubException h && h.code() == ErrorCode.SERVICE_UNAVAILABLE) {
                return true;
            }
        }
        return false;
    }
}
