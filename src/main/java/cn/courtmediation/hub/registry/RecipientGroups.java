package cn.courtmediation.hub.registry;

import java.util.List;
import java.util.Optional;
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
    private final JdbcTemplate jdbc;

    RecipientGroups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isGroup(String code) {
        return ALL_COURTS.equals(code) || REGION.matcher(code).matches();
    }

    /** The courts a group names, by code (suspended ones included: their messages are parked). */
    public List<String> members(String group) {
        if (ALL_COURTS.equals(group)) {
            return jdbc.queryForList("select code from participants where kind = 'COURT' order by code", String.class);
        }
        Matcher m = REGION.matcher(group);
        return Optional.of(m).filter(Matcher::matches)
                .map(x -> jdbc.queryForList("select code from participants where kind = 'COURT' and region like ? order by code",
                        String.class, x.group(1) + "%"))
                .orElse(List.of());
    }
}
