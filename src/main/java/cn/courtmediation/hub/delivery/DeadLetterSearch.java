package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.error.PersonalNumbers;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Finds dead letters (FAILED messages) by a filter, a page at a time, with why they failed and how often they were tried. */
@Component
public class DeadLetterSearch {
    private final JdbcTemplate jdbc;

    DeadLetterSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A dead letter as the admin API and the Failures page show it; lastError masked (it may quote a payload). */
    public record DeadLetter(String messageId, String type, String sender, String recipient, String caseId, OffsetDateTime receivedAt,
                      OffsetDateTime failedAt, int attempts, int replays, String lastError) {
    }

    /** The matching dead letters, oldest failure first. */
    List<DeadLetter> find(DeadLetterFilter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = filter.where(args);
        return jdbc.query("select message_id, type, sender, recipient, case_id, received_at, failed_at, attempts, replays, last_error"
                        + " from messages" + where + " order by failed_at, message_id offset " + ((long) page * size)
                        + " rows fetch next " + size + " rows only",
                (rs, row) -> new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class), rs.getInt(8), rs.getInt(9),
                        PersonalNumbers.mask(rs.getString(10))), args.toArray());
    }

    long count(DeadLetterFilter filter) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("select count(*) from messages" + filter.where(args), Long.class, args.toArray());
        return n == null ? 0 : n;
    }
}
