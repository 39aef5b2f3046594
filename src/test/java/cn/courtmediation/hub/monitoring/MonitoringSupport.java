package cn.courtmediation.hub.monitoring;

import cn.courtmediation.hub.access.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Operator calls on the monitoring endpoints for the monitoring ITs: a GET or POST with a role's token, JSON back. */
final class MonitoringSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient https;
    private final String tlsBase;
    private final Function<Caller.Role, String> bearer;

    MonitoringSupport(HttpClient https, String tlsBase, Function<Caller.Role, String> bearer) {
        this.https = https;
        this.tlsBase = tlsBase;
        this.bearer = bearer;
    }

    HttpResponse<String> call(Caller.Role role, String method, String path) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create(tlsBase + path)).header("Authorization", bearer.apply(role))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The JSON answer of a call that must succeed with 200. */
    JsonNode ok(Caller.Role role, String method, String path) throws Exception {
        HttpResponse<String> r = call(role, method, path);
        if (r.statusCode() != 200) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
