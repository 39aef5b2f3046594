package cn.courtmediation.hub.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Turns the exception an exchange failed with into the hub's problem model (code, detail, violations). */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /**
     * The refusal behind a failed exchange; the database being unreachable becomes SERVICE_UNAVAILABLE, anything else
     * unexpected INTERNAL_ERROR (and is logged).
     */
    public static HubException of(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (caught == null) {
            caught = exchange.getException();
        }
        return of(caught, "route " + exchange.getFromRouteId());
    }

    /** The same for a failure outside a route (Spring MVC endpoints); where names the place for the log. */
    public static HubException of(Throwable caught, String where) {
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof HubException hub) {
                return hub;
            }
        }
        if (isOutage(caught)) {
            LOG.warn("Database unavailable in {}: {}", where, String.valueOf(caught));
            return unavailable("The hub cannot reach its database; nothing was accepted. Retry later with the same bytes.");
        }
        LOG.error("Unexpected failure in {}", where, caught);
        return new HubException(ErrorCode.INTERNAL_ERROR,
                "The hub could not process the message; nothing was accepted. Retry later.");
    }

    /** SERVICE_UNAVAILABLE with the given detail. */
    public static HubException unavailable(String detail) {
        return new HubException(ErrorCode.SERVICE_UNAVAILABLE, detail);
    }

    /**
     * Whether a failure means the database (or the connection to it) is unavailable for now, which a later retry can
     * cure: no connection within Hikari's connection-timeout (SQLTransientConnectionException, wrapped by Spring as
     * CannotGetJdbcConnectionException or CannotCreateTransactionException), a connection lost mid-statement (SQL state
     * class 08), a lock or query timeout, a commit or rollback that failed at the JDBC level. Other data-access failures (a constraint, bad SQL) are bugs: INTERNAL_ERROR.
     */
    public static boolean isOutage(Throwable caught) {
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException
                    // the JDBC commit or rollback itself failed: the connection broke under the transaction (the
                    // db-refuse fault run saw "JDBC rollback failed" answered 500 three times)
                    || t instanceof org.springframework.transaction.TransactionSystemException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9457 fields plus the hub's code, as a map ready for JSON. */
    public static Map<String, Object> asMap(HubException e) {
        return asMap(e, null);
    }

    /**
     * The same for a refused submission kept in quarantine: quarantineId is the id its SUBMISSION_REJECTED evidence is
     * filed under (null: the input was not kept).
     */
    public static Map<String, Object> asMap(HubException e, String quarantineId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "urn:courtmediation:problem:" + e.code().name());
        p.put("title", e.code().title());
        p.put("status", e.code().httpStatus());
        p.put("detail", e.getMessage());
        p.put("code", e.code().name());
        if (e.messageId() != null) {
            p.put("messageId", e.messageId());
        }
        if (quarantineId != null) {
            p.put("quarantineId", quarantineId);
        }
        if (e.currentState() != null) {
            p.put("currentState", e.currentState());
        }
        if (!e.violations().isEmpty()) {
            List<Map<String, String>> errors = e.violations().stream()
                    .map(v -> Map.of("path", v.path(), "message", v.message())).toList();
            p.put("errors", errors);
        }
        return p;
    }
}
