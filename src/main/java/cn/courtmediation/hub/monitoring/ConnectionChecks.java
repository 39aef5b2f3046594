package cn.courtmediation.hub.monitoring;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The connection checks made (table connection_checks): recorded one by one, the latest per participant read back. */
@Component
public class ConnectionChecks {

    /** One check and its round trip: outcome DELIVERED (the participant answered), QUEUED (on a partner's address) or FAILED. */
    public record Check(String checkId, String participantCode, String channel, String outcome, OffsetDateTime sentAt,
                        OffsetDateTime answeredAt, Long millis, String error, String requestedBy) {
    }

    private static final String COLUMNS = "check_id, participant_code, channel, outcome, sent_at, answered_at, millis, error, requested_by";
    private final JdbcTemplate jdbc;

    ConnectionChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(Check c) {
        jdbc.update("insert into connection_checks (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)", c.checkId(),
                c.participantCode(), c.channel(), c.outcome(), c.sentAt(), c.answeredAt(), c.millis(), c.error(), c.requestedBy());
    }

    /** The newest checks of the participant, at most limit. */
    public List<Check> latest(String code, int limit) {
        return jdbc.query("select " + COLUMNS + " from connection_checks where participant_code = ? order by sent_at desc"
                + " fetch first " + limit + " rows only", (rs, i) -> new Check(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
                rs.getObject(7) == null ? null : rs.getLong(7), rs.getString(8), rs.getString(9)), code);
    }

    public Optional<Check> latest(String code) {
        return latest(code, 1).stream().findFirst();
    }
}
