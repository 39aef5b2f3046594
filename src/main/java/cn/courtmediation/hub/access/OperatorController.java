package cn.courtmediation.hub.access;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator accounts over the admin API: tokens for scripts (any operator), accounts and roles (admin), the audit trail
 * (admin). Who may call which is in AccessRules.
 */
@RestController
class OperatorController {
    private static final int MAX_AUDIT_PAGE = 1000;

    private final OperatorAccounts accounts;
    private final OperatorTokens tokens;
    private final AuditTrail audit;

    OperatorController(OperatorAccounts accounts, OperatorTokens tokens, AuditTrail audit) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** POST /admin/tokens: a bearer token for the authenticated operator (Basic user:password, or a token still valid). */
    @PostMapping("/admin/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> token() {
        Caller me = Caller.current().orElseThrow();
        OperatorTokens.Issued issued = tokens.issue(me);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tokenType", "Bearer");
        out.put("token", issued.token());
        out.put("expiresAt", issued.expiresAt().toString());
        out.put("username", me.name());
        out.put("role", me.role().name().toLowerCase(java.util.Locale.ROOT));
        return out;
    }

    /** DELETE /admin/tokens/current: revokes the bearer token of this request (log out a script). */
    @DeleteMapping("/admin/tokens/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeCurrent(@RequestHeader(value = "Authorization", required = false) String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HubException(ErrorCode.MALFORMED, "Only a bearer token can be revoked this way; this request authenticated otherwise.");
        }
        tokens.revoke(authorization.substring(7).trim());
    }

    @GetMapping("/admin/operators")
    List<OperatorAccounts.Account> list() {
        return accounts.list();
    }

    /** POST /admin/operators {"username":…, "role":…}: a new account; its generated password is in this answer only. */
    @PostMapping("/admin/operators")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody Map<String, Object> body) {
        String username = text(body, "username");
        Caller.Role role = OperatorAccounts.role(text(body, "role"));
        String password = accounts.create(username, role, null, Caller.current().orElseThrow().name());
        return Map.of("username", username, "role", role.name().toLowerCase(java.util.Locale.ROOT), "password", password);
    }

    @PostMapping("/admin/operators/{username}/role")
    Map<String, Object> role(@PathVariable String username, @RequestBody Map<String, Object> body) {
        Caller.Role role = OperatorAccounts.role(text(body, "role"));
        accounts.setRole(username, role);
        return Map.of("username", username, "role", role.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** A new generated password (answered once); the account's tokens stop working. */
    @PostMapping("/admin/operators/{username}/password")
    Map<String, Object> resetPassword(@PathVariable String username) {
        return Map.of("username", username, "password", accounts.resetPassword(username));
    }

    @PostMapping("/admin/operators/{username}/disable")
    Map<String, Object> disable(@PathVariable String username) {
        if (Caller.current().map(c -> c.name().equals(username)).orElse(false)) {
            throw new HubException(ErrorCode.MALFORMED, "An admin cannot disable the account it is signed in with.");
        }
        accounts.setEnabled(username, false);
        tokens.revokeAll(username);
        return Map.of("username", username, "enabled", false);
    }

    @PostMapping("/admin/operators/{username}/enable")
    Map<String, Object> enable(@PathVariable String username) {
        accounts.setEnabled(username, true);
        return Map.of("username", username, "enabled", true);
    }

    /** GET /admin/audit?after=&actor=&limit=: the audit trail, oldest first; page on with after = the last seq. */
    @GetMapping("/admin/audit")
    Map<String, Object> audit(@RequestParam(defaultValue = "0") long after, @RequestParam(required = false) String actor,
                              @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_AUDIT_PAGE) {
            throw new HubException(ErrorCode.MALFORMED, "limit must be 1 to " + MAX_AUDIT_PAGE + "; got " + limit + ".");
        }
        List<AuditTrail.Entry> entries = audit.after(after, actor, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", entries);
        out.put("next", entries.isEmpty() ? after : entries.get(entries.size() - 1).seq());
        return out;
    }

    private static String text(Map<String, Object> body, String field) {
        Object v = body == null ? null : body.get(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new HubException(ErrorCode.MALFORMED, "Field " + field + " (a string) is required.");
        }
        return s.trim();
    }
}
