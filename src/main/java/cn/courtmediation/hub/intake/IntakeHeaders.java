package cn.courtmediation.hub.intake;

/** Names of the exchange headers and properties the intake flows share. */
public final class IntakeHeaders {
    /** Channel the message came in on: REST, SOAP or QUEUE. */
    public static final String INGRESS = "hubIngress";
    /** Where it came from: the partner code of a queue, or the remote address. */
    public static final String SOURCE = "hubSource";
    /** The sender's detached signature, as received (verified by SignatureVerifier, stored, forwarded). */
    public static final String SIGNATURE = "hubSignature";
    /** For queue intake: the partner whose to-hub address the message arrived on. */
    public static final String EXPECTED_SENDER = "hubExpectedSender";
    public static final String MESSAGE_ID = "hubMessageId";
    public static final String DUPLICATE = "hubDuplicate";
    /** Ids of messages the hub itself stored because of this one (a filing request after a refusal), queued after it. */
    public static final String FOLLOW_UPS = "hubFollowUps";
    /** Exchange property holding the exact bytes received, for quarantine. */
    public static final String RAW_PAYLOAD = "hubRawPayload";

    private IntakeHeaders() {
    }
}
