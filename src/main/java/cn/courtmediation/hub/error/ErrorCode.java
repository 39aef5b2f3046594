package cn.courtmediation.hub.error;

/** Stable error codes shared by every channel: problem+json, SOAP faults and queue rejections. */
public enum ErrorCode {
    MALFORMED(400, "Malformed message"),
    SCHEMA_VIOLATION(422, "Message violates its schema"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNKNOWN_SENDER(422, "Unknown sender"),
    UNKNOWN_RECIPIENT(422, "Unknown recipient"),
    SENDER_SUSPENDED(403, "Sender suspended"),
    CHANNEL_NOT_ALLOWED(403, "Sender may not address this recipient"),
    SENDER_MISMATCH(403, "Sender does not match the channel"),
    MESSAGE_ID_REUSED(409, "Message id reused with a different payload"),
    SIGNATURE_MISSING(401, "Signature missing"),
    SIGNATURE_INVALID(401, "Signature invalid"),
    CERT_UNKNOWN(401, "Signer certificate not issued by the hub CA"),
    CERT_EXPIRED(401, "Signer certificate expired or not yet valid"),
    CERT_REVOKED(401, "Signer certificate revoked"),
    STALE_MESSAGE(422, "Signing time outside the accepted window"),
    INVALID_TRANSITION(409, "Event does not fit the case's current state"),
    NOT_CASE_PARTY(403, "Sender or recipient is not the party of the case this event needs"),
    EXTENSION_LIMIT_EXCEEDED(422, "Extension beyond the court's maximum"),
    CONSENT_MISSING(422, "Extension without both parties' valid consent"),
    AGREEMENT_NOT_SIGNED(422, "Mediation agreement without valid party signatures"),
    // no credentials, or wrong ones: a client certificate revoked, expired or of a suspended participant; an unknown or
    // expired operator token; a wrong password; a read on the plain HTTP port
    UNAUTHORIZED(401, "Credentials missing or wrong"),
    // an authenticated caller whose role does not allow the action (an engineer importing the registry, a court on /admin)
    FORBIDDEN(403, "Not allowed for the caller's role"),
    // more requests from one participant (or one address, unauthenticated) than its rate limit; Retry-After says when to retry
    TOO_MANY_REQUESTS(429, "Rate limit exceeded"),
    // admin: creating an operator account whose user name is taken
    ACCOUNT_EXISTS(409, "Account exists"),
    NOT_FOUND(404, "Not found"),
    // a request the hub has no handler for with that method (e.g. PUT /api/v1/messages, POST /); Allow lists the methods
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    // admin: a dead-letter replay of a message that is not FAILED (never given up, delivered, or claimed by another replay)
    NOT_REPLAYABLE(409, "Only a FAILED message can be replayed"),
    // admin: a discard of a message that is not FAILED (delivered, being replayed, already discarded)
    NOT_DISCARDABLE(409, "Only a FAILED message can be discarded"),
    INTERNAL_ERROR(500, "Internal error"),
    // the hub cannot answer now (starting, stopping, database unreachable): nothing was accepted, retry after Retry-After
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    // a CASE_DISPATCH whose body.courtCode names another court than its sender
    COURT_CODE_MISMATCH(422, "Case's courtCode is not the dispatching court"),
    // admin: a broker account for a participant the registry does not serve over the broker (channel other than QUEUE)
    NOT_QUEUE_PARTICIPANT(422, "Participant is not served over the broker");

    private final int httpStatus;
    private final String title;

    ErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
