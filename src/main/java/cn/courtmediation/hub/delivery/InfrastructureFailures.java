package cn.courtmediation.hub.delivery;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Tells the hub's own infrastructure failing (database, broker) from a recipient failing: the former is not a
 * delivery attempt; the route rolls the JMS transaction back and the broker redelivers with its backoff.
 */
@Component("infrastructureFailures")
public class InfrastructureFailures {

    /** True when the exchange's exception, or any of its causes, comes from the database or the broker. */
    public boolean matches(Exchange exchange) {
        Throwable t = exchange.getException() != null ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return isInfrastructure(t);
    }

    static boolean isInfrastructure(Throwable t) {
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessException
                    || t instanceof org.springframework.transaction.TransactionException
                    || t instanceof java.sql.SQLException
                    || t instanceof org.springframework.jms.JmsException
                    || t instanceof jakarta.jms.JMSException
                    || t instanceof jakarta.jms.JMSRuntimeException
                    // the message log could not be written (MessageLog): the database failing, not the recipient
                    || t instanceof cn.courtmediation.hub.error.HubException h && h.code() == cn.courtmediation.hub.error.ErrorCode.SERVICE_UNAVAILABLE) {
                return true;
            }
        }
        return false;
    }
}
