package cn.courtmediation.hub.partner;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The broker_accounts table: one row per partner account, holding only the password's hash. */
@Component
class BrokerAccountStore {
    private final JdbcTemplate jdbc;

    BrokerAccountStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One account as stored. */
    record Row(String code, String passwordHash, OffsetDateTime issuedAt, OffsetDateTime rotatedAt) {
    }

    Optional<Row> find(String code) {
        return jdbc.query("select code, password_hash, issued_at, rotated_at from broker_accounts where code = ?",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)), code).stream().findFirst();
    }

    List<Row> all() {
        return jdbc.query("select code, password_hash, issued_at, rotated_at from broker_accounts order by code",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)));
    }

    /** Stores a new hash: a first issue, or a rotation of an existing account (which keeps its issue time). */
    void save(String code, String hash, OffsetDateTime now) {
        int n = jdbc.update("update broker_accounts set password_hash = ?, rotated_at = ? where code = ?", hash, now, code);
        if (n == 0) {
            jdbc.update("insert into broker_accounts (code, password_hash, issued_at) values (?, ?, ?)", code, hash, now);
        }
    }

    boolean delete(String code) {
        return jdbc.update("delete from broker_accounts where code = ?", code) == 1;
    }
}
