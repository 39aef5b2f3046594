package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.CourtLevel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The participant registry: look-ups for routing (cached, bounded), writes, and searches. Every write
 * bumps a version in the database; each replica compares it with the version its cache was filled at
 * (at most once per hub.registry.version-check) and empties the cache when another replica changed
 * anything, so routing never uses an entry older than that interval.
 */
@Component("registry")
public class Registry {
    private static final String COLUMNS = "code, kind, name, region, parent_code, channel, endpoint, status,"
            + " court_level, callback_url, policy_days, max_extension_days";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Cache<String, Optional<Participant>> cache;
    private final long versionCheckMillis;
    private final AtomicLong seenVersion = new AtomicLong(-1);
    private volatile long lastCheck;

    Registry(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, RegistrySettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(settings.cacheSize()).build();
        this.versionCheckMillis = settings.versionCheck().toMillis();
    }

    /** The participant, from the cache when it is current. */
    public Optional<Participant> find(String code) {
        refreshIfChanged();
        return cache.get(code, c -> jdbc.query("select " + COLUMNS + " from participants where code = ?", Registry::map, c)
                .stream().findFirst());
    }

    /** Queue participants: the hub listens on each one's to-hub address. */
    public List<Participant> queueParticipants() {
        return jdbc.query("select " + COLUMNS + " from participants where channel = 'QUEUE' order by code", Registry::map);
    }

    /** Creates or replaces an entry (portable: update, then insert when nothing was updated). */
    public void upsert(Participant p) {
        upsertAll(List.of(p));
    }

    /** Creates or replaces entries in one transaction, batched. */
    public void upsertAll(List<Participant> participants) {
        tx.executeWithoutResult(status -> {
            OffsetDateTime now = now();
            List<Object[]> inserts = new ArrayList<>();
            int[] updated = jdbc.batchUpdate("update participants set kind = ?, name = ?, region = ?, parent_code = ?, channel = ?,"
                            + " endpoint = ?, status = ?, court_level = ?, callback_url = ?, policy_days = ?, max_extension_days = ?,"
                            + " updated_at = ?, version = version + 1 where code = ?",
                    participants.stream().map(p -> new Object[] {p.kind().name(), p.name(), p.region(), p.parentCode(),
                            p.channel().name(), p.endpoint(), p.status().name(), level(p), p.callbackUrl(), p.policyDays(),
                            p.maxExtensionDays(), now, p.code()}).toList());
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    Participant p = participants.get(i);
                    inserts.add(new Object[] {p.code(), p.kind().name(), p.name(), p.region(), p.parentCode(), p.channel().name(),
                            p.endpoint(), p.status().name(), level(p), p.callbackUrl(), p.policyDays(), p.maxExtensionDays(), now, now});
                }
            }
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate("insert into participants (" + COLUMNS + ", created_at, updated_at) values"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
            }
            bumpVersion();
        });
        participants.forEach(p -> cache.invalidate(p.code()));
    }

    /** Suspends or resumes; returns false when there is no such participant. */
    public boolean setStatus(String code, Status status) {
        Boolean changed = tx.execute(s -> {
            int n = jdbc.update("update participants set status = ?, updated_at = ?, version = version + 1 where code = ?",
                    status.name(), now(), code);
            bumpVersion();
            return n == 1;
        });
        cache.invalidate(code);
        return Boolean.TRUE.equals(changed);
    }

    /** One page of participants matching the filters (null = any), ordered by code. */
    public List<Participant> search(Kind kind, String region, String parent, Status status, String nameContains, int page, int size) {
        Object[] args = filterArgs(kind, region, parent, status, nameContains);
        return jdbc.query("select " + COLUMNS + " from participants" + filterSql(kind, region, parent, status, nameContains)
                + " order by code offset " + ((long) page * size) + " rows fetch next " + size + " rows only", Registry::map, args);
    }

    public long count(Kind kind, String region, String parent, Status status, String nameContains) {
        return jdbc.queryForObject("select count(*) from participants" + filterSql(kind, region, parent, status, nameContains),
                Long.class, filterArgs(kind, region, parent, status, nameContains));
    }

    private static String filterSql(Kind kind, String region, String parent, Status status, String nameContains) {
        List<String> where = new ArrayList<>();
        if (kind != null) {
            where.add("kind = ?");
        }
        if (region != null) {
            where.add("region like ?");
        }
        if (parent != null) {
            where.add("parent_code = ?");
        }
        if (status != null) {
            where.add("status = ?");
        }
        if (nameContains != null) {
            where.add("name like ?");
        }
        return where.isEmpty() ? "" : " where " + String.join(" and ", where);
    }

    private static Object[] filterArgs(Kind kind, String region, String parent, Status status, String nameContains) {
        List<Object> args = new ArrayList<>();
        if (kind != null) {
            args.add(kind.name());
        }
        if (region != null) {
            args.add(region + "%");
        }
        if (parent != null) {
            args.add(parent);
        }
        if (status != null) {
            args.add(status.name());
        }
        if (nameContains != null) {
            args.add("%" + nameContains + "%");
        }
        return args.toArray();
    }

    private void bumpVersion() {
        jdbc.update("update registry_state set version = version + 1 where id = 1");
    }

    /** Empties the cache when the registry version in the database moved since it was filled. */
    private void refreshIfChanged() {
        long now = System.currentTimeMillis();
        if (now - lastCheck < versionCheckMillis) {
            return;
        }
        lastCheck = now;
        Long version = jdbc.queryForObject("select version from registry_state where id = 1", Long.class);
        if (version != null && seenVersion.getAndSet(version) != version) {
            cache.invalidateAll();
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String level(Participant p) {
        return p.courtLevel() == null ? null : p.courtLevel().name();
    }

    private static Participant map(ResultSet rs, int row) throws SQLException {
        String level = rs.getString("court_level");
        return new Participant(
                rs.getString("code"),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                rs.getString("region"),
                rs.getString("parent_code"),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("endpoint"),
                Status.valueOf(rs.getString("status")),
                level == null ? null : CourtLevel.valueOf(level),
                rs.getString("callback_url"),
                (Integer) rs.getObject("policy_days"),
                (Integer) rs.getObject("max_extension_days"));
    }
}
