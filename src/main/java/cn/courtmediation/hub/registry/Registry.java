package cn.courtmediation.hub.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Participant look-ups and upserts against the registry table; routing reads the channel and endpoint here, never from config. */
@Component("registry")
public class Registry {
    private static final String COLUMNS = "code, kind, name, region, parent_code, channel, endpoint, status";
    private final JdbcTemplate jdbc;

    Registry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Participant> find(String code) {
        return jdbc.query("select " + COLUMNS + " from participants where code = ?", Registry::map, code)
                .stream().findFirst();
    }

    /** Active and suspended partners reached over queues: the hub listens on each one's to-hub address. */
    public List<Participant> queueParticipants() {
        return jdbc.query("select " + COLUMNS + " from participants where channel = 'QUEUE' order by code", Registry::map);
    }

    /** Creates or replaces an entry (portable: update, then insert when nothing was updated). */
    public void upsert(Participant p) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = jdbc.update("update participants set kind = ?, name = ?, region = ?, parent_code = ?, channel = ?,"
                        + " endpoint = ?, status = ?, updated_at = ? where code = ?",
                p.kind().name(), p.name(), p.region(), p.parentCode(), p.channel().name(), p.endpoint(),
                p.status().name(), now, p.code());
        if (updated == 0) {
            jdbc.update("insert into participants (" + COLUMNS + ", created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    p.code(), p.kind().name(), p.name(), p.region(), p.parentCode(), p.channel().name(), p.endpoint(),
                    p.status().name(), now, now);
        }
    }

    private static Participant map(ResultSet rs, int row) throws SQLException {
        return new Participant(
                rs.getString("code"),
                Participant.Kind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                rs.getString("region"),
                rs.getString("parent_code"),
                Participant.Channel.valueOf(rs.getString("channel")),
                rs.getString("endpoint"),
                Participant.Status.valueOf(rs.getString("status")));
    }
}
