package cn.courtmediation.hub.messagelog;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.message-log: how the tamper-evident log is sealed, checkpointed and verified (the intervals are read by the
 * routes themselves).
 *
 * @param sealBatch pending entries chained per transaction
 * @param unsealedGrace ms after which a still pending entry counts as a break (HUB_MESSAGE_LOG_UNSEALED_GRACE)
 * @param replica names this replica in its checkpoints; empty: the host name (HUB_REPLICA_NAME)
 * @param verify how a verification reads the log
 */
@ConfigurationProperties("hub.message-log")
record MessageLogSettings(int sealBatch, long unsealedGrace, String replica, Verify verify) {

    /**
     * @param caCertificate the hub CA certificate checkpoint signers are checked against (HUB_CA_CERTIFICATE)
     * @param pageSize entries (and rows) read per query
     * @param progressEvery entries between two progress reports
     */
    record Verify(String caCertificate, int pageSize, long progressEvery) {
    }
}
