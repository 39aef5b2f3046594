package cn.courtmediation.hub.registry;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Group recipients a court may address with one message (a fan-out): ALL-COURTS, every court of the
 * registry, and REGION-<prefix>-COURTS, the courts whose administrative division code starts with the
 * prefix (REGION-11-COURTS: Beijing; REGION-110105-COURTS: Chaoyang district).
 */
@Component
public class RecipientGroups {
    private static final Pattern REGION = Pattern.compile("^REGION-(\\d{2,6})-COURTS$");
    static final String ALL_COURTS = "ALL-COURTS";
    private static final String COURTS = "select code from participants where kind = 'COURT' and coalesce(region, '') like ? order by code";
    private final JdbcTemplate jdbc;

    RecipientGroups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isGroup(String code) {
        return ALL_COURTS.equals(code) || REGION.matcher(code).matches();
    }

    /** The courts a group names, by code (suspended ones included: their messages are parked). */
    public List<String> members(String group) {
        return jdbc.queryForList(COURTS, String.class, regionPrefix(group));
    }

    /** Whether the group names any court: checked at intake, before the (larger) member list is read at expansion. */
    public boolean hasMembers(String group) {
        return !jdbc.queryForList(COURTS + " fetch first 1 rows only", String.class, regionPrefix(group)).isEmpty();
    }

    /** The LIKE pattern of a group's regions: the prefix of REGION-xx-COURTS, anything for ALL-COURTS. */
    private static String regionPrefix(String group) {
        Matcher m = REGION.matcher(group);
        return m.matches() ? m.group(1) + "%" : "%";
    }
}
