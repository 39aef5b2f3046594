package cn.courtmediation.hub.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records queue entries whose message the store does not hold (table orphan_entries), so they are acknowledged, not retried. */
@Component
class OrphanEntries {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanEntries.class);
    private final JdbcTemplate jdbc;
    private final Clock clock;

    OrphanEntries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the entry; logs at ERROR the first time an id is seen (later entries with that id only count). */
    void record(String messageId, String queue) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String id = messageId.length() > 64 ? messageId.substring(0, 64) : messageId;
        String source = queue == null || queue.length() <= 200 ? queue : queue.substring(0, 200);
        int inserted;
        try {
            inserted = jdbc.update("insert into orphan_entries (message_id, queue, first_seen_at, last_seen_at, occurrences)"
                    + " select ?, ?, ?, ?, 1 where not exists (select 1 from orphan_entries where message_id = ?)", id, source, now, now, id);
        } catch (DuplicateKeyException concurrent) {
            inserted = 0;
        }
        if (inserted == 1) {
            LOG.error("Queue entry for message {} (from {}) has no message in the store: recorded in orphan_entries and acknowledged;"
                    + " the message cannot be delivered from the hub's data (GET /admin/dead-letters/orphans)", messageId, queue);
        } else {
            jdbc.update("update orphan_entries set occurrences = occurrences + 1, last_seen_at = ? where message_id = ?", now, id);
        }
    }

    /** A recorded orphan entry, as the admin API lists it. */
    record Orphan(String messageId, String queue, OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, int occurrences) {
    }

    /** The recorded orphans, newest first. */
    List<Orphan> list(int page, int size) {
        return jdbc.query("select message_id, queue, first_seen_at, last_seen_at, occurrences from orphan_entries"
                        + " order by first_seen_at desc, message_id offset " + ((long) page * size) + " rows fetch next " + size + " rows only",
                (rs, row) -> new Orphan(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class), rs.getInt(5)));
    }

    long count() {
        Long n = jdbc.queryForObject("select count(*) from orphan_entries", Long.class);
        return n == null ? 0 : n;
    }
}
