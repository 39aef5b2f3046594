package cn.courtmediation.hub.delivery;

/** Exchange headers the delivery flows share; also the application properties on partner queues. */
public final class DeliveryHeaders {
    public static final String MESSAGE_ID = "hubMessageId";
    public static final String TYPE = "hubType";
    public static final String SENDER = "hubSender";
    public static final String RECIPIENT = "hubRecipient";
    public static final String CASE_ID = "hubCaseId";
    /** The hub's own signature over the payload, made for this delivery (for a fan-out's children, once for all of them). */
    public static final String SIGNATURE = "hubSignature";
    /** The sender's original signature, forwarded so the recipient can verify the sender too. */
    public static final String SENDER_SIGNATURE = "hubSenderSignature";
    /** Validation report of signed documents, base64 of its JSON. */
    public static final String DOCUMENT_REPORT = "hubDocumentReport";
    public static final String CHANNEL = "hubChannel";
    public static final String ENDPOINT = "hubEndpoint";
    public static final String SKIP = "hubSkip";

    private DeliveryHeaders() {
    }
}
