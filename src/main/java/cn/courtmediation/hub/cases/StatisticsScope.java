package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.registry.Participant;
import java.util.Optional;

/**
 * The cases a caller's statistics cover, echoed in the answer: the nation (operators, the Supreme People's Court), a
 * region prefix (a high court's province, 2 digits; an intermediate court's district, 4 digits), a court's own cases
 * (a basic court, a court without level or region), or the cases a mediator mediated (every other kind). The request's
 * filters narrow the scope further; they never widen it.
 */
record StatisticsScope(Kind kind, String court, String region, String mediator) {

    /** What the scope is bounded by. */
    enum Kind { NATION, REGION, COURT, MEDIATOR }

    static final StatisticsScope NATION = new StatisticsScope(Kind.NATION, null, null, null);

    /**
     * The scope of a caller, given its registry entry (empty: not in the registry, which sees only cases under its own
     * code as their court, i.e. in practice none).
     */
    static StatisticsScope of(Caller caller, Optional<Participant> entry) {
        if (caller.isOperator()) {
            return NATION;
        }
        String code = caller.name();
        if (entry.isEmpty()) {
            return court(code);
        }
        Participant p = entry.get();
        if (p.kind() != Participant.Kind.COURT) {
            return new StatisticsScope(Kind.MEDIATOR, null, null, code);
        }
        if (p.courtLevel() == null) {
            return court(code);
        }
        return switch (p.courtLevel()) {
            case SUPREME -> NATION;
            case HIGH -> region(p, 2).orElse(court(code));
            case INTERMEDIATE -> region(p, 4).orElse(court(code));
            case BASIC -> court(code);
        };
    }

    private static StatisticsScope court(String code) {
        return new StatisticsScope(Kind.COURT, code, null, null);
    }

    /** The first digits of the court's 6-digit administrative division code; empty when it has no such region. */
    private static Optional<StatisticsScope> region(Participant p, int digits) {
        String r = p.region();
        if (r == null || r.length() < digits || !r.substring(0, digits).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(new StatisticsScope(Kind.REGION, null, r.substring(0, digits), null));
    }
}
