package cn.courtmediation.hub.monitoring;

/**
 * One fault an alert rule sees now: its kind and subject (together the fault's identity, one open alert each), how bad,
 * what to tell the operator, and the number measured.
 */
public record Fault(Kind kind, String subject, Severity severity, String detail, long measure) {

    /** The alert rules (docs/interfaces.md §21.4). */
    public enum Kind { DELIVERY_FAILURES, CIRCUIT_OPEN, BACKLOG, CERTIFICATE_EXPIRY, CASE_DEADLINE }

    /** CRITICAL: traffic is not getting through now; WARNING: it will not soon. */
    public enum Severity { WARNING, CRITICAL }

    String key() {
        return kind + ":" + subject;
    }
}
