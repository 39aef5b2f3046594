package cn.courtmediation.hub.cases;

import static cn.courtmediation.hub.cases.CaseState.CONFIRMATION_REJECTED;
import static cn.courtmediation.hub.cases.CaseState.CONFIRMATION_REQUESTED;
import static cn.courtmediation.hub.cases.CaseState.DISPATCHED;
import static cn.courtmediation.hub.cases.CaseState.DOCUMENT_REQUESTED;
import static cn.courtmediation.hub.cases.CaseState.EXTENDED;
import static cn.courtmediation.hub.cases.CaseState.FAILED;
import static cn.courtmediation.hub.cases.CaseState.FILING_REQUESTED;
import static cn.courtmediation.hub.cases.CaseState.IN_MEDIATION;
import static cn.courtmediation.hub.cases.CaseState.REFUSED;
import static cn.courtmediation.hub.cases.CaseState.SUCCEEDED;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every event of the case lifecycle: who may send it, the states it fits and the state it leads to.
 * This table is the state machine; docs/lifecycle.md shows it as a diagram and a table.
 */
enum CaseEvent {
    DISPATCH(Actor.COURT, EnumSet.noneOf(CaseState.class), DISPATCHED),
    ACCEPT(Actor.MEDIATOR, EnumSet.of(DISPATCHED), IN_MEDIATION),
    EXTEND(Actor.MEDIATOR, EnumSet.of(IN_MEDIATION, EXTENDED), EXTENDED),
    SUCCEED(Actor.MEDIATOR, EnumSet.of(IN_MEDIATION, EXTENDED), SUCCEEDED),
    FAIL(Actor.MEDIATOR, EnumSet.of(IN_MEDIATION, EXTENDED), FAILED),
    REFUSE(Actor.MEDIATOR, EnumSet.of(DISPATCHED, IN_MEDIATION, EXTENDED), REFUSED),
    WITHDRAW(Actor.EITHER, EnumSet.of(DISPATCHED, IN_MEDIATION, EXTENDED), CaseState.WITHDRAWN),
    REQUEST_CONFIRMATION(Actor.MEDIATOR, EnumSet.of(SUCCEEDED), CONFIRMATION_REQUESTED),
    REQUEST_DOCUMENT(Actor.MEDIATOR, EnumSet.of(SUCCEEDED, CONFIRMATION_REJECTED), DOCUMENT_REQUESTED),
    REQUEST_FILING(Actor.MEDIATOR, EnumSet.of(SUCCEEDED, FAILED, CONFIRMATION_REJECTED), FILING_REQUESTED),
    CONFIRM(Actor.COURT, EnumSet.of(CONFIRMATION_REQUESTED), CaseState.CONFIRMED),
    REJECT_CONFIRMATION(Actor.COURT, EnumSet.of(CONFIRMATION_REQUESTED), CONFIRMATION_REJECTED),
    ISSUE_DOCUMENT(Actor.COURT, EnumSet.of(DOCUMENT_REQUESTED), CaseState.DOCUMENT_ISSUED),
    FILE(Actor.COURT, EnumSet.of(FILING_REQUESTED), CaseState.FILED),
    /** The hub: the deadline passed without agreement. */
    EXPIRE(Actor.HUB, EnumSet.of(IN_MEDIATION, EXTENDED), FILING_REQUESTED),
    /** The hub: a party refused to go on, so the case goes to filing. */
    TRANSFER_TO_FILING(Actor.HUB, EnumSet.of(REFUSED), FILING_REQUESTED),
    /** The hub: a deadline warning (no state change). */
    DEADLINE_WARNING(Actor.HUB, EnumSet.of(IN_MEDIATION, EXTENDED), null);

    /** Who may send an event. */
    public enum Actor { COURT, MEDIATOR, EITHER, HUB }

    private final Actor actor;
    private final Set<CaseState> from;
    private final CaseState to;

    CaseEvent(Actor actor, Set<CaseState> from, CaseState to) {
        this.actor = actor;
        this.from = from;
        this.to = to;
    }

    public Actor actor() {
        return actor;
    }

    public Set<CaseState> from() {
        return from;
    }

    /** The state after the event from the given state (null: a new case); empty when the event does not fit. */
    public Optional<CaseState> next(CaseState current) {
        if (current == null ? this != DISPATCH : !from.contains(current)) {
            return Optional.empty();
        }
        return Optional.of(to == null ? current : to);
    }
}
