package cn.courtmediation.hub.monitoring;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monitoring reads and acts as JSON for operators and scripts (bearer token, /admin/**): participant health, the
 * connection check, message search and detail, alerts and their acknowledgement. The console pages show the same.
 */
@RestController
class MonitoringController {
    private final ParticipantHealth health;
    private final ConnectionCheck check;
    private final ConnectionChecks checks;
    private final MessageSearch search;
    private final MessageDetails details;
    private final Alerts alerts;

    MonitoringController(ParticipantHealth health, ConnectionCheck check, ConnectionChecks checks, MessageSearch search,
                         MessageDetails details, Alerts alerts) {
        this.health = health;
        this.check = check;
        this.checks = checks;
        this.search = search;
        this.details = details;
        this.alerts = alerts;
    }

    @GetMapping("/admin/participants/{code}/health")
    ParticipantHealth.Health health(@PathVariable String code) {
        return health.of(code);
    }

    /** Sends a CONNECTION_TEST to the participant now and answers its round trip (200 also when it failed: see outcome). */
    @PostMapping("/admin/participants/{code}/test-message")
    ConnectionChecks.Check testMessage(@PathVariable String code) {
        return check.send(code, operatorName());
    }

    @GetMapping("/admin/participants/{code}/test-messages")
    List<ConnectionChecks.Check> testMessages(@PathVariable String code, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            throw new HubException(ErrorCode.MALFORMED, "limit must be between 1 and 100.");
        }
        return checks.latest(code, limit);
    }

    @GetMapping("/admin/messages")
    MessageSearch.Page messages(@RequestParam(required = false) String messageId, @RequestParam(required = false) String caseId,
                                @RequestParam(required = false) String caseNumber, @RequestParam(required = false) String participant,
                                @RequestParam(required = false) String type, @RequestParam(required = false) String status,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return search.search(new MessageSearch.Query(blank(messageId), blank(caseId), blank(caseNumber), blank(participant),
                blank(type), blank(status), time("from", from), time("to", to)), page, size);
    }

    @GetMapping("/admin/messages/{messageId}")
    MessageDetails.Detail message(@PathVariable String messageId) {
        return details.of(messageId);
    }

    @GetMapping("/admin/alerts")
    Map<String, Object> alerts(@RequestParam(defaultValue = "ALL") String state, @RequestParam(required = false) String subject,
                               @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("open", alerts.countOpen());
        r.put("page", page);
        r.put("size", size);
        r.put("items", alerts.list(state, blank(subject), page, size));
        return r;
    }

    @PostMapping("/admin/alerts/{alertId}/ack")
    Alerts.Alert acknowledge(@PathVariable long alertId) {
        return alerts.acknowledge(alertId, operatorName());
    }

    static String operatorName() {
        return Caller.current().map(Caller::name).orElse("-");
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** An ISO-8601 time with offset (2026-12-05T10:00:00+08:00), or a date (2026-12-05, UTC midnight). */
    static OffsetDateTime time(String name, String value) {
        String v = blank(value);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? java.time.LocalDate.parse(v).atStartOfDay().atOffset(java.time.ZoneOffset.UTC) : OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new HubException(ErrorCode.MALFORMED, name + " must be an ISO-8601 time with offset (2026-12-05T10:00:00+08:00)"
                    + " or a date (2026-12-05).");
        }
    }
}
