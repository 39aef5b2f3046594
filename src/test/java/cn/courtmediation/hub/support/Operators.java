package cn.courtmediation.hub.support;

import cn.courtmediation.hub.access.Caller;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operator tokens for tests, got the documented way: the first admin (password HubTestEnvironment.ADMIN_PASSWORD) gets a
 * token with Basic credentials at POST /admin/tokens, creates a viewer and an engineer account, and each gets its token.
 * One set per hub (keyed by its HTTPS base URL).
 */
public final class Operators {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Operators() {
    }

    /** "Bearer …" for an operator of the role on the hub at tlsBase. */
    public static String bearer(HttpClient https, String tlsBase, Caller.Role role) {
        // the admin's token first, outside the map's update (a nested computeIfAbsent on the same map is refused)
        String admin = TOKENS.computeIfAbsent(tlsBase + "/" + Caller.Role.ADMIN,
                k -> token(https, tlsBase, "admin", HubTestEnvironment.ADMIN_PASSWORD));
        if (role == Caller.Role.ADMIN) {
            return "Bearer " + admin;
        }
        return "Bearer " + TOKENS.computeIfAbsent(tlsBase + "/" + role, k -> {
            String user = role.name().toLowerCase(Locale.ROOT) + "-it";
            String password = create(https, tlsBase, "Bearer " + admin, user, role);
            return token(https, tlsBase, user, password);
        });
    }

    /** A token for user:password (POST /admin/tokens with Basic credentials). */
    public static String token(HttpClient https, String tlsBase, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send(https, HttpRequest.newBuilder(URI.create(tlsBase + "/admin/tokens"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build());
        return field(r, 201, "token");
    }

    /** Creates an operator account as the admin and answers its generated password. */
    public static String create(HttpClient https, String tlsBase, String adminBearer, String user, Caller.Role role) {
        HttpResponse<String> r = send(https, HttpRequest.newBuilder(URI.create(tlsBase + "/admin/operators"))
                .header("Authorization", adminBearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"role\":\"" + role.name().toLowerCase(Locale.ROOT) + "\"}"))
                .build());
        return field(r, 201, "password");
    }

    private static HttpResponse<String> send(HttpClient https, HttpRequest request) {
        try {
            return https.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String field(HttpResponse<String> r, int status, String field) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body()).get(field).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
