package cn.courtmediation.hub.store;

import cn.courtmediation.hub.contract.IntakeSettings;
import cn.courtmediation.hub.error.HubException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps refused input for inspection (never delivered): an authenticated sender's payload whole (capped at the intake
 * limit), an unauthenticated one's first UNAUTHENTICATED_PREFIX bytes only, with payload_size the whole length (its
 * SHA-256 is in the refusal's SUBMISSION_REJECTED evidence).
 */
@Component("quarantineStore")
public class QuarantineStore {
    private static final int MAX_DETAIL = 4000;
    /** Bytes kept of a payload whose signature was not verified: 40 unsigned 1 MiB refusals grew the H2 file by 82.6 MB whole. */
    static final int UNAUTHENTICATED_PREFIX = 4096;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int maxPayloadBytes;

    QuarantineStore(JdbcTemplate jdbc, Clock clock, IntakeSettings intake) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxPayloadBytes = intake.maxPayloadBytes();
    }

    /** Records a refusal and returns its quarantine id; authenticated: the sender's signature had verified. */
    public String keep(String ingressChannel, String source, HubException refusal, byte[] payload, boolean authenticated) {
        String id = UUID.randomUUID().toString();
        String detail = refusal.getMessage() == null ? refusal.code().title() : refusal.getMessage();
        int cap = authenticated ? maxPayloadBytes : Math.min(UNAUTHENTICATED_PREFIX, maxPayloadBytes);
        byte[] kept = payload == null ? null : payload.length > cap ? Arrays.copyOf(payload, cap) : payload;
        String messageId = refusal.messageId() != null && refusal.messageId().length() <= 64 ? refusal.messageId() : null;
        jdbc.update("insert into quarantine (quarantine_id, ingress_channel, source, code, detail, message_id, payload,"
                        + " payload_size, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, ingressChannel, source == null ? null : source.substring(0, Math.min(200, source.length())),
                refusal.code().name(), detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail,
                messageId, kept, payload == null ? 0 : payload.length,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        return id;
    }
}
