package cn.courtmediation.hub.monitoring;

import cn.courtmediation.hub.delivery.RecipientGuard;
import cn.courtmediation.hub.trust.CertificateStore;
import cn.courtmediation.hub.trust.IssuedCertificate;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The alert rules, evaluated together (route alerts-evaluate): each reads one grouped, indexed query (or the breakers in
 * memory) and answers the faults it sees now. Thresholds: hub.monitoring.alerts. At most MAX_PER_RULE faults per rule, so
 * a national outage makes a bounded list, not 3,502 rows per minute.
 */
@Component("alertRules")
public class AlertRules {
    static final int MAX_PER_RULE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(AlertRules.class);
    private final Set<Fault.Kind> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final JdbcTemplate jdbc;
    private final RecipientGuard guard;
    private final CertificateStore certificates;
    private final Clock clock;
    private final MonitoringSettings.Alerts settings;

    AlertRules(JdbcTemplate jdbc, RecipientGuard guard, CertificateStore certificates, Clock clock, MonitoringSettings settings) {
        this.jdbc = jdbc;
        this.guard = guard;
        this.certificates = certificates;
        this.clock = clock;
        this.settings = settings.alerts();
    }

    /**
     * One evaluation: the faults seen now, and which rules ran. A rule that failed (a database timeout, an unreadable
     * row) is left out of evaluated, so its open alerts are kept, not resolved for want of a look.
     */
    public record Evaluation(List<Fault> faults, Set<Fault.Kind> evaluated) {
    }

    /** Every fault seen now. */
    public Evaluation evaluate() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Fault> faults = new ArrayList<>();
        Set<Fault.Kind> evaluated = EnumSet.noneOf(Fault.Kind.class);
        rule(Fault.Kind.DELIVERY_FAILURES, () -> deliveryFailures(now, faults), evaluated);
        rule(Fault.Kind.CIRCUIT_OPEN, () -> openCircuits(faults), evaluated);
        rule(Fault.Kind.BACKLOG, () -> backlogs(now, faults), evaluated);
        rule(Fault.Kind.CERTIFICATE_EXPIRY, () -> certificates(now, faults), evaluated);
        rule(Fault.Kind.CASE_DEADLINE, () -> deadlines(now, faults), evaluated);
        return new Evaluation(faults, evaluated);
    }

    private void rule(Fault.Kind kind, Runnable rule, Set<Fault.Kind> evaluated) {
        try {
            rule.run();
            evaluated.add(kind);
            failing.remove(kind);
        } catch (RuntimeException e) {
            // logged once per rule until it runs again, not every evaluation
            if (failing.add(kind)) {
                LOG.warn("Alert rule {} failed, its open alerts are kept: {}", kind, e.toString());
            }
        }
    }

    /** Failed attempts to one recipient whose latest failure is within the window: messages retrying or given up. */
    private void deliveryFailures(OffsetDateTime now, List<Fault> faults) {
        jdbc.query("select recipient, sum(attempts), count(*), max(case when status = 'FAILED' then 1 else 0 end) from messages"
                        + " where status in ('RELAYED', 'FAILED') and last_error is not null"
                        + " and coalesce(failed_at, next_attempt_at) >= ? group by recipient having sum(attempts) >= ?"
                        + " order by sum(attempts) desc fetch first " + MAX_PER_RULE + " rows only",
                rs -> {
                    long attempts = rs.getLong(2);
                    faults.add(new Fault(Fault.Kind.DELIVERY_FAILURES, rs.getString(1),
                            rs.getInt(4) == 1 ? Fault.Severity.CRITICAL : Fault.Severity.WARNING,
                            attempts + " failed delivery attempts of " + rs.getLong(3) + " message(s) within "
                                    + settings.failureWindow().toMinutes() + " min" + (rs.getInt(4) == 1 ? ", dead letters among them" : ""),
                            attempts));
                }, now.minus(settings.failureWindow()), settings.failureThreshold());
    }

    private void openCircuits(List<Fault> faults) {
        int n = 0;
        for (Map.Entry<String, String> b : guard.notClosed().entrySet()) {
            if (n++ >= MAX_PER_RULE) {
                break;
            }
            faults.add(new Fault(Fault.Kind.CIRCUIT_OPEN, b.getKey(), Fault.Severity.CRITICAL,
                    "circuit breaker " + b.getValue() + ": deliveries to it are held until a probe succeeds", 1));
        }
    }

    /** Undelivered messages (not parked: a suspended participant's hold is an operator's choice) piling up for a recipient. */
    private void backlogs(OffsetDateTime now, List<Fault> faults) {
        jdbc.query("select recipient, count(*), min(received_at) from messages where status in ('ACCEPTED', 'RELAYED')"
                        + " group by recipient having count(*) >= ? and min(received_at) <= ?"
                        + " order by count(*) desc fetch first " + MAX_PER_RULE + " rows only",
                rs -> {
                    faults.add(new Fault(Fault.Kind.BACKLOG, rs.getString(1), Fault.Severity.WARNING, rs.getLong(2)
                            + " undelivered message(s), the oldest received " + rs.getObject(3, OffsetDateTime.class), rs.getLong(2)));
                }, settings.backlogThreshold(), now.minus(settings.backlogMinAge()));
    }

    private void certificates(OffsetDateTime now, List<Fault> faults) {
        List<IssuedCertificate> expiring = certificates.expiringWithin(settings.certificateWarning());
        for (IssuedCertificate c : expiring.subList(0, Math.min(expiring.size(), MAX_PER_RULE))) {
            long days = Duration.between(now, c.notAfter()).toDays();
            faults.add(new Fault(Fault.Kind.CERTIFICATE_EXPIRY, c.serial(), days < 7 ? Fault.Severity.CRITICAL : Fault.Severity.WARNING,
                    "certificate " + c.serial() + " of " + c.participantCode() + " expires at " + c.notAfter() + " (" + days + " days)",
                    days));
        }
    }

    /** One alert per court: its mediating cases whose deadline is near (a per-case alert would be noise). */
    private void deadlines(OffsetDateTime now, List<Fault> faults) {
        jdbc.query("select court_code, count(*), min(deadline_at) from cases where state in ('IN_MEDIATION', 'EXTENDED')"
                        + " and deadline_at > ? and deadline_at <= ? and court_code is not null group by court_code"
                        + " order by count(*) desc fetch first " + MAX_PER_RULE + " rows only",
                rs -> {
                    faults.add(new Fault(Fault.Kind.CASE_DEADLINE, rs.getString(1), Fault.Severity.WARNING, rs.getLong(2)
                            + " mediating case(s) reach their deadline within " + settings.deadlineWithin().toHours()
                            + " h, the first at " + rs.getObject(3, OffsetDateTime.class), rs.getLong(2)));
                }, now, now.plus(settings.deadlineWithin()));
    }
}
