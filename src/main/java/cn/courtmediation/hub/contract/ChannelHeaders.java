package cn.courtmediation.hub.contract;

/**
 * Names of the exchange headers and properties the flows share, in and out. Those starting "hub" that are listed in
 * docs/interfaces.md are also the application properties on partner queues.
 */
public final class ChannelHeaders {
    // --- intake ---
    /** Channel the message came in on: REST, SOAP or QUEUE. */
    public static final String INGRESS = "hubIngress";
    /** Where it came from: the partner code of a queue, or the remote address. */
    public static final String SOURCE = "hubSource";
    /**
     * A detached CMS signature over the payload: on intake the sender's, as received (verified, stored, forwarded); on
     * delivery the hub's own, made for this delivery (for a fan-out's children, once for all of them).
     */
    public static final String SIGNATURE = "hubSignature";
    /** Who signed a message, after intake verified it: a SignatureVerifier.Signer (serial, signing time). */
    public static final String SIGNER = "hubSigner";
    /** For queue intake: the partner whose to-hub address the message arrived on. */
    public static final String EXPECTED_SENDER = "hubExpectedSender";
    public static final String MESSAGE_ID = "hubMessageId";
    public static final String DUPLICATE = "hubDuplicate";
    /** True when the recipient is a group (a fan-out). */
    public static final String FANOUT = "hubFanout";
    /**
     * Ids of messages the hub itself stored because of this one (a filing request after a refusal, an evidence pushed to
     * the sender), queued by the route after it.
     */
    public static final String FOLLOW_UPS = "hubFollowUps";
    /**
     * Id under which a refused input was kept in quarantine (set by IntakeRefusals); the refusal's SUBMISSION_REJECTED
     * evidence is filed under it, and every channel tells it to the sender.
     */
    public static final String QUARANTINE_ID = "hubQuarantineId";
    /** Exchange property holding the exact bytes received, for quarantine. */
    public static final String RAW_PAYLOAD = "hubRawPayload";

    // --- delivery ---
    public static final String TYPE = "hubType";
    public static final String SENDER = "hubSender";
    public static final String RECIPIENT = "hubRecipient";
    public static final String CASE_ID = "hubCaseId";
    /** The sender's original signature, forwarded so the recipient can verify the sender too. */
    public static final String SENDER_SIGNATURE = "hubSenderSignature";
    /** Validation report of signed documents: on intake its JSON bytes (to the store), on delivery base64 of them. */
    public static final String DOCUMENT_REPORT = "hubDocumentReport";
    public static final String CHANNEL = "hubChannel";
    public static final String ENDPOINT = "hubEndpoint";

    private ChannelHeaders() {
    }
}
