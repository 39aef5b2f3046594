package cn.courtmediation.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jms.UncategorizedJmsException;

class InfrastructureFailuresTest {

    @Test
    void theHubsDatabaseAndBrokerAreInfrastructure() {
        assertThat(InfrastructureFailures.isInfrastructure(new CannotGetJdbcConnectionException("down",
                new SQLTransientConnectionException("refused")))).isTrue();
        assertThat(InfrastructureFailures.isInfrastructure(new IllegalStateException("wrapped", new UncategorizedJmsException("broker")))).isTrue();
        assertThat(InfrastructureFailures.isInfrastructure(new RuntimeException(new jakarta.jms.JMSException("closed")))).isTrue();
        // an evidence whose message-log entry cannot be written
        assertThat(InfrastructureFailures.isInfrastructure(cn.courtmediation.hub.error.Problems.unavailable("log"))).isTrue();
        assertThat(InfrastructureFailures.isInfrastructure(new cn.courtmediation.hub.error.HubException(
                cn.courtmediation.hub.error.ErrorCode.UNKNOWN_RECIPIENT, "gone"))).isFalse();
    }

    @Test
    void aRecipientsFailureIsAnAttempt() {
        assertThat(InfrastructureFailures.isInfrastructure(new HttpOperationFailedException("http://court", 503, "down", null, null, null)))
                .isFalse();
        assertThat(InfrastructureFailures.isInfrastructure(new ConnectException("refused"))).isFalse();
        assertThat(InfrastructureFailures.isInfrastructure(null)).isFalse();
    }
}
