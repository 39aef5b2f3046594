package cn.courtmediation.hub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.sql.SQLTransientConnectionException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Which failures of a partner message's intake are rolled back for the broker to redeliver, and which are answered. */
class PartnerIntakeFailuresTest {
    private final PartnerIntakeFailures failures = new PartnerIntakeFailures(
            new PartnerSettings("partner.%s.from-hub", "partner.%s.to-hub", new PartnerSettings.Guard(65536, 65536), 3));

    private boolean rollsBack(Exception e, Integer deliveryCount) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(new RuntimeCamelException(e));
        exchange.setProperty(PartnerIntakeFailures.DELIVERY_COUNT, deliveryCount);
        return failures.rollsBack(exchange);
    }

    @Test
    void rollsBackAnOutageOfTheDatabaseOrBrokerHoweverOftenDelivered() {
        assertThat(rollsBack(new CannotGetJdbcConnectionException("down", new SQLTransientConnectionException("timeout")), 50)).isTrue();
        assertThat(rollsBack(new QueryTimeoutException("lock timeout"), 9)).isTrue();
        assertThat(rollsBack(new jakarta.jms.JMSException("broker gone"), 9)).isTrue();
        assertThat(rollsBack(new HubException(ErrorCode.SERVICE_UNAVAILABLE, "message log"), 9)).isTrue();
    }

    @Test
    void answersARefusalAtOnce() {
        assertThat(rollsBack(new HubException(ErrorCode.MALFORMED, "not JSON"), 1)).isFalse();
    }

    @Test
    void retriesAnUnexpectedFailureUntilItsLastAttemptThenAnswersIt() {
        DataIntegrityViolationException constraint = new DataIntegrityViolationException("check constraint");
        assertThat(rollsBack(constraint, 1)).isTrue();
        assertThat(rollsBack(constraint, 2)).isTrue();
        assertThat(rollsBack(constraint, 3)).isFalse();
        assertThat(rollsBack(new IllegalStateException("bug"), null)).isFalse();
    }
}
