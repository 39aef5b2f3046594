package cn.courtmediation.hub.cases;

import java.util.EnumSet;
import java.util.Set;

/** The states of a case the hub owns, from dispatch to the court's answer (docs/lifecycle.md). */
enum CaseState {
    DISPATCHED, IN_MEDIATION, EXTENDED, SUCCEEDED, FAILED, REFUSED,
    CONFIRMATION_REQUESTED, DOCUMENT_REQUESTED, FILING_REQUESTED,
    CONFIRMED, CONFIRMATION_REJECTED, DOCUMENT_ISSUED, FILED, WITHDRAWN;

    /** The states in which the mediation time limit runs. */
    public static final Set<CaseState> MEDIATING = EnumSet.of(IN_MEDIATION, EXTENDED);

    /** The name the API shows for "the hub knows no dispatched case". */
    public static final String NONE = "NONE";
}
