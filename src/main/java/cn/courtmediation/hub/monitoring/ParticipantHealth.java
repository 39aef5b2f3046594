package cn.courtmediation.hub.monitoring;

import cn.courtmediation.hub.delivery.RecipientGuard;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.trust.CertificateStore;
import cn.courtmediation.hub.trust.IssuedCertificate;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A participant's delivery health as an operator needs it: breaker state, backlog, last success, last error and how many
 * messages are failing, certificate expiry, and the last connection check. On PostgreSQL each figure is one indexed
 * range (messages_recipient_status), never a scan of the recipient's history; on H2 that index is dropped (V16: its
 * page writes cost more per message than the console's reads save) and the figures read the table.
 */
@Component
public class ParticipantHealth {
    /** Statuses of a message stored for the recipient and not yet delivered or given up. */
    static final String BACKLOG = "'ACCEPTED', 'RELAYED', 'PARKED'";

    /** One certificate as the health shows it. */
    public record Certificate(String serial, String suite, OffsetDateTime notAfter, long daysLeft, boolean expiringSoon) {
    }

    /** The health of one participant. */
    public record Health(Participant participant, String circuit, long backlog, OffsetDateTime oldestUndelivered,
                         OffsetDateTime lastSuccess, String lastError, OffsetDateTime lastErrorAt, long failingMessages,
                         long deadLetters, List<Certificate> certificates, ConnectionChecks.Check lastCheck) {
    }

    private final Registry registry;
    private final RecipientGuard guard;
    private final CertificateStore certificates;
    private final ConnectionChecks checks;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration warning;

    ParticipantHealth(Registry registry, RecipientGuard guard, CertificateStore certificates, ConnectionChecks checks,
                      JdbcTemplate jdbc, Clock clock, MonitoringSettings settings) {
        this.registry = registry;
        this.guard = guard;
        this.certificates = certificates;
        this.checks = checks;
        this.jdbc = jdbc;
        this.clock = clock;
        this.warning = settings.alerts().certificateWarning();
    }

    /** The participant's health, or NOT_FOUND. */
    public Health of(String code) {
        Participant p = registry.find(code).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND,
                "No participant " + code + " in the registry."));
        Long backlog = jdbc.queryForObject("select count(*) from messages where recipient = ? and status in (" + BACKLOG + ")",
                Long.class, code);
        OffsetDateTime oldest = time("select min(received_at) from messages where recipient = ? and status in (" + BACKLOG + ")", code);
        // the newest deliveries by acceptance: their latest delivery time is the last success (an index range, not a scan)
        OffsetDateTime lastSuccess = time("select max(delivered_at) from (select delivered_at from messages"
                + " where recipient = ? and status = 'DELIVERED' order by received_at desc fetch first 50 rows only) d", code);
        // failing: retrying (RELAYED with an error) or given up (FAILED); a parked message's note is not an error
        Optional<Object[]> last = jdbc.query("select last_error, coalesce(failed_at, next_attempt_at, received_at) from messages"
                        + " where recipient = ? and status in ('RELAYED', 'FAILED') and last_error is not null"
                        + " order by coalesce(failed_at, next_attempt_at, received_at) desc fetch first 1 rows only",
                (rs, i) -> new Object[] {rs.getString(1), rs.getObject(2, OffsetDateTime.class)}, code).stream().findFirst();
        Long failing = jdbc.queryForObject("select count(*) from messages where recipient = ? and status in ('RELAYED', 'FAILED')"
                + " and last_error is not null", Long.class, code);
        Long dead = jdbc.queryForObject("select count(*) from messages where recipient = ? and status = 'FAILED'", Long.class, code);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Certificate> certs = certificates.list(code).stream().filter(c -> "VALID".equals(c.status()))
                .filter(c -> c.notAfter().isAfter(now)).map(c -> certificate(c, now)).toList();
        return new Health(p, guard.state(code), backlog == null ? 0 : backlog, oldest, lastSuccess,
                last.map(r -> (String) r[0]).orElse(null), last.map(r -> (OffsetDateTime) r[1]).orElse(null),
                failing == null ? 0 : failing, dead == null ? 0 : dead, certs, checks.latest(code).orElse(null));
    }

    /** A one-value aggregate (min, max) that is null over no rows. */
    private OffsetDateTime time(String sql, String code) {
        return jdbc.query(sql, rs -> rs.next() ? rs.getObject(1, OffsetDateTime.class) : null, code);
    }

    private Certificate certificate(IssuedCertificate c, OffsetDateTime now) {
        return new Certificate(c.serial(), c.suite(), c.notAfter(), Duration.between(now, c.notAfter()).toDays(),
                !c.notAfter().isAfter(now.plus(warning)));
    }
}
