package cn.courtmediation.hub.cases;

import java.time.OffsetDateTime;

/** A case as the lifecycle reads and writes it, under the case row's lock. */
final class CaseRow {
    final String caseId;
    CaseState state;
    String courtCode;
    String mediatorCode;
    String mediatorKind;
    String region;
    OffsetDateTime dispatchedAt;
    OffsetDateTime acceptedAt;
    Integer policyDays;
    Integer maxExtensionDays;
    int extensionDays;
    OffsetDateTime deadlineAt;
    OffsetDateTime nextWarningAt;
    OffsetDateTime concludedAt;
    String outcome;
    String filingReason;
    String courtCaseNumber;

    CaseRow(String caseId) {
        this.caseId = caseId;
    }

    String stateName() {
        return state == null ? CaseState.NONE : state.name();
    }

    /** Ends the mediation once: the first conclusion (succeeded, failed, refused, expired, withdrawn) counts. */
    void conclude(String outcome, OffsetDateTime at) {
        if (this.outcome == null) {
            this.outcome = outcome;
            this.concludedAt = at;
        }
        this.nextWarningAt = null;
    }
}
