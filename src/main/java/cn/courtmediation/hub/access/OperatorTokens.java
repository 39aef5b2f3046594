package cn.courtmediation.hub.access;

import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.trust.GeneratedSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for operators (table operator_tokens): random 256-bit values handed out once by POST /admin/tokens, kept
 * as SHA-256 only, valid for hub.access.token-validity, until revoked, or until the account's password changes or the
 * account is disabled.
 */
@Component
class OperatorTokens {

    /** A token as handed out. */
    record Issued(String token, OffsetDateTime expiresAt) {
    }

    private final JdbcTemplate jdbc;
    // real time, not the hub's clock (the demo replay moves that into the past): access is about now
    private final Clock clock = Clock.systemUTC();
    private final AccessSettings settings;

    OperatorTokens(JdbcTemplate jdbc, AccessSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    Issued issue(Caller operator) {
        String token = GeneratedSecrets.random(32);
        OffsetDateTime now = now();
        OffsetDateTime expires = now.plus(settings.tokenValidity());
        jdbc.update("insert into operator_tokens (token_sha256, username, issued_at, expires_at) values (?, ?, ?, ?)",
                hash(token), operator.name(), now, expires);
        return new Issued(token, expires);
    }

    /** The operator a token stands for, if it is known, not expired or revoked, issued after the password was last set, and the account is enabled. */
    Optional<Caller> caller(String token) {
        List<Caller> found = jdbc.query("select o.username, o.role from operator_tokens t join operators o on o.username = t.username"
                        + " where t.token_sha256 = ? and t.revoked_at is null and t.expires_at > ? and o.enabled"
                        + " and t.issued_at >= o.password_changed_at",
                (rs, i) -> Caller.operator(rs.getString(1), Caller.Role.valueOf(rs.getString(2))), hash(token), now());
        return found.stream().findFirst();
    }

    void revoke(String token) {
        jdbc.update("update operator_tokens set revoked_at = ? where token_sha256 = ? and revoked_at is null", now(), hash(token));
    }

    void revokeAll(String username) {
        jdbc.update("update operator_tokens set revoked_at = ? where username = ? and revoked_at is null", now(), username);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static String hash(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
    }
}
