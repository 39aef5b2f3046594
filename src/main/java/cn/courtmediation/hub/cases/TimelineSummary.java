package cn.courtmediation.hub.cases;

import java.time.Instant;

/** The case at the top of its timeline: where it stands, who has it and its time limit. */
record TimelineSummary(String caseId, String courtCode, String caseNumber, String stage, String disputeType, String state,
                       String mediatorCode, String mediatorKind, String region,
                       Instant dispatchedAt, Instant acceptedAt, Integer policyDays, Integer maxExtensionDays, int extensionDays,
                       Instant deadlineAt, Instant concludedAt, String outcome, String filingReason, String courtCaseNumber) {
}
