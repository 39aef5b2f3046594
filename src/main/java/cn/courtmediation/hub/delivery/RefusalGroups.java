package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.error.PersonalNumbers;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refused input (the quarantine table) grouped by error code and channel over a time window, as Camel's error registry
 * groups repeated failures: how many, first and last seen, one sample; and the refusals of one code, a page at a time.
 * Both are range reads on an index (quarantine_received, quarantine_code_received).
 */
@Component
public class RefusalGroups {
    private final JdbcTemplate jdbc;

    RefusalGroups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One code on one channel within the window. */
    public record Group(String code, String channel, long count, OffsetDateTime firstSeen, OffsetDateTime lastSeen, String sampleQuarantineId) {
    }

    /** One refusal; detail masked (a validation message may quote the payload), no payload. */
    public record Refusal(String quarantineId, String code, String channel, String source, String messageId, String detail, long payloadSize,
                   OffsetDateTime receivedAt) {
    }

    /** The groups in [from, to), most frequent first; channel optional. */
    List<Group> groups(OffsetDateTime from, OffsetDateTime to, String channel) {
        List<Object> args = new ArrayList<>(List.of(from, to));
        String where = " where received_at >= ? and received_at < ?" + (channel == null ? "" : " and ingress_channel = ?");
        if (channel != null) {
            args.add(channel);
        }
        return jdbc.query("select code, ingress_channel, count(*), min(received_at), max(received_at), max(quarantine_id) from quarantine"
                        + where + " group by code, ingress_channel order by count(*) desc, code, ingress_channel",
                (rs, row) -> new Group(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, OffsetDateTime.class), rs.getString(6)), args.toArray());
    }

    /** The refusals of one code in [from, to), newest first. */
    List<Refusal> ofCode(String code, OffsetDateTime from, OffsetDateTime to, String channel, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = codeWhere(code, from, to, channel, args);
        return jdbc.query("select quarantine_id, code, ingress_channel, source, message_id, detail, payload_size, received_at from quarantine"
                        + where + " order by received_at desc, quarantine_id offset " + ((long) page * size) + " rows fetch next " + size + " rows only",
                (rs, row) -> new Refusal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        PersonalNumbers.mask(rs.getString(6)), rs.getLong(7), rs.getObject(8, OffsetDateTime.class)), args.toArray());
    }

    long countOfCode(String code, OffsetDateTime from, OffsetDateTime to, String channel) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("select count(*) from quarantine" + codeWhere(code, from, to, channel, args), Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    private static String codeWhere(String code, OffsetDateTime from, OffsetDateTime to, String channel, List<Object> args) {
        args.add(code);
        args.add(from);
        args.add(to);
        if (channel != null) {
            args.add(channel);
        }
        return " where code = ? and received_at >= ? and received_at < ?" + (channel == null ? "" : " and ingress_channel = ?");
    }
}
