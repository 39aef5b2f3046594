package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.contract.MessageStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Discards dead letters with a reason: FAILED becomes DISCARDED (final, never replayed) with the reason, who and when.
 * The conditional update is the whole decision, so a discard and a concurrent replay claim cannot both win.
 */
@Component
public class DeadLetterDiscards {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDiscards.class);
    static final int MAX_REASON = 500;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeadLetterDiscards(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What became of one id: discarded now, or left as it was (its status; null when the hub has no such message). */
    public record Outcome(String messageId, boolean discarded, String currentState) {
    }

    /** Discards each FAILED message of the list (duplicates once); the others are answered with their status. */
    List<Outcome> discard(List<String> messageIds, String reason, String actor) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<Outcome> outcomes = new ArrayList<>();
        for (String id : new LinkedHashSet<>(messageIds)) {
            int changed = jdbc.update("update messages set status = 'DISCARDED', discarded_at = ?, discard_reason = ?, discarded_by = ?,"
                    + " next_attempt_at = null where message_id = ? and status = 'FAILED'", now, reason, actor, id);
            if (changed == 1) {
                // the reason is the operator's free text: it stays in the database, not in the log
                LOG.info("Dead letter {} discarded by {}", id, actor);
                outcomes.add(new Outcome(id, true, MessageStatus.DISCARDED.name()));
            } else {
                String now2 = jdbc.queryForList("select status from messages where message_id = ?", String.class, id).stream()
                        .findFirst().orElse(null);
                outcomes.add(new Outcome(id, false, now2));
            }
        }
        return outcomes;
    }
}
