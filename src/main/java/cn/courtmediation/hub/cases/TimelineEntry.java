package cn.courtmediation.hub.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One line of a case's timeline: a message, an evidence of a message, a state change or a deadline event; fields not of its kind are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TimelineEntry(Instant at, Kind kind, String actor,
                     String messageId, String messageType, String sender, String recipient, String status,
                     Instant receivedAt, Instant deliveredAt,
                     String evidenceId, String evidenceKind,
                     Integer seq, String event, String fromState, String toState, String detail) {

    /** What the entry tells. */
    enum Kind { MESSAGE, EVIDENCE, STATE_CHANGE, DEADLINE }

    static TimelineEntry message(String messageId, String type, String sender, String recipient, String status,
                                 Instant receivedAt, Instant deliveredAt) {
        return new TimelineEntry(receivedAt, Kind.MESSAGE, sender, messageId, type, sender, recipient, status, receivedAt, deliveredAt,
                null, null, null, null, null, null, null);
    }

    /** Evidences are made and signed by the hub, so the hub is their actor. */
    static TimelineEntry evidence(String evidenceId, String messageId, String evidenceKind, Instant at) {
        return new TimelineEntry(at, Kind.EVIDENCE, "HUB", messageId, null, null, null, null, null, null,
                evidenceId, evidenceKind, null, null, null, null, null);
    }

    /** A case_events row; the deadline's own events (warnings, expiry) are DEADLINE entries, the rest STATE_CHANGE. */
    static TimelineEntry caseEvent(int seq, String event, String fromState, String toState, String actor, String messageId,
                                   Instant at, String detail) {
        Kind kind = CaseEvent.DEADLINE_WARNING.name().equals(event) || CaseEvent.EXPIRE.name().equals(event)
                ? Kind.DEADLINE : Kind.STATE_CHANGE;
        return new TimelineEntry(at, kind, actor, messageId, null, null, null, null, null, null,
                null, null, seq, event, fromState, toState, detail);
    }
}
