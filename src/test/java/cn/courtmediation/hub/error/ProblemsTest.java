package cn.courtmediation.hub.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class ProblemsTest {
    @Test
    void anUnreachableDatabaseIsServiceUnavailableHoweverSpringWrapsIt() {
        SQLTransientConnectionException noConnection = new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms");
        assertThat(code(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", noConnection))).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(code(new CannotCreateTransactionException("Could not open JDBC Connection for transaction", noConnection))).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(code(new DataAccessResourceFailureException("An I/O error occurred while sending to the backend"))).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        // a commit on a connection that broke: the state is unknown, a retry with the same bytes is safe (idempotent by messageId)
        assertThat(code(new TransactionSystemException("Could not commit JDBC transaction", new SQLException("I/O error", "08006"))))
                .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(code(new CannotAcquireLockException("lock timeout"))).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        // the rollback after a statement failed on a cut connection failed too (seen in the db-refuse fault run as a 500)
        assertThat(code(new TransactionSystemException("JDBC rollback failed", new SQLException("This connection has been closed."))))
                .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void aKeptRefusalNamesItsQuarantineIdInTheProblem() {
        HubException refusal = new HubException(ErrorCode.SIGNATURE_MISSING, "not signed", "m-1", java.util.List.of());
        assertThat(Problems.asMap(refusal, "q-1")).containsEntry("messageId", "m-1").containsEntry("quarantineId", "q-1");
        assertThat(Problems.asMap(refusal)).containsEntry("messageId", "m-1").doesNotContainKey("quarantineId");
    }

    @Test
    void otherDatabaseFailuresAreBugsNotOutages() {
        assertThat(code(new DataIntegrityViolationException("duplicate key"))).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(code(new BadSqlGrammarException("select", "select nothing", new SQLException("syntax", "42601")))).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(code(new IllegalStateException("bug"))).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void aRefusalStaysTheRefusalEvenWhenWrapped() {
        HubException refusal = new HubException(ErrorCode.SIGNATURE_MISSING, "not signed");
        assertThat(Problems.of(new RuntimeException(refusal), "test")).isSameAs(refusal);
    }

    @Test
    void serviceUnavailableIsA503() {
        assertThat(ErrorCode.SERVICE_UNAVAILABLE.httpStatus()).isEqualTo(503);
        assertThat(Problems.asMap(Problems.unavailable("later"))).containsEntry("code", "SERVICE_UNAVAILABLE").containsEntry("status", 503);
    }

    private static ErrorCode code(Throwable t) {
        return Problems.of(t, "test").code();
    }
}
