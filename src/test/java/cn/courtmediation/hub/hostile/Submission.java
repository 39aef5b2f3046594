package cn.courtmediation.hub.hostile;

/**
 * What a hostile case submits: the payload bytes and the signature (base64 text as sent; null: none). On AMQP, from
 * names the partner whose to-hub address it is sent to (null: the channel's sender).
 */
record Submission(byte[] payload, String signature, String from) {
    Submission(byte[] payload, String signature) {
        this(payload, signature, null);
    }
}
