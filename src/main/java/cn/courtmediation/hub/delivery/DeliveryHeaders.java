package cn.courtmediation.hub.delivery;

/** Exchange headers the delivery flows share; also the application properties on partner queues. */
public final class DeliveryHeaders {
    public static final String MESSAGE_ID = "hubMessageId";
    public static final String TYPE = "hubType";
    public static final String SENDER = "hubSender";
    public static final String RECIPIENT = "hubRecipient";
    public static final String CASE_ID = "hubCaseId";
    public static final String SIGNATURE = "hubSignature";
    public static final String CHANNEL = "hubChannel";
    public static final String ENDPOINT = "hubEndpoint";
    public static final String SKIP = "hubSkip";

    private DeliveryHeaders() {
    }
}
