package cn.courtmediation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.Operators;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Operator accounts (issue 13 item 4) over HTTPS with real clients: roles per admin action, tokens got the documented way,
 * an audit entry for every administrative action (who, what, outcome), append-only in the database.
 */
class OperatorAccessIT extends HubIntegrationTest {

    private HttpResponse<String> as(String bearer, String method, String path) throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create(tlsBase() + path)).header("Authorization", bearer)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A new operator of the role with its own token. */
    private String newOperator(String name, Caller.Role role) {
        String password = Operators.create(https(), tlsBase(), adminAuth(), name, role);
        return "Bearer " + Operators.token(https(), tlsBase(), name, password);
    }

    @Test
    void eachRoleMayDoExactlyItsActions() throws Exception {
        String court = newCourt("ROLE", Channel.REST);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String viewer = newOperator("v-" + tag, Caller.Role.VIEWER);
        String engineer = newOperator("e-" + tag, Caller.Role.ENGINEER);
        String admin = newOperator("a-" + tag, Caller.Role.ADMIN);
        // method, path, and the least role that may: viewer reads, engineer suspends/resumes/replays, admin manages PKI, imports and users
        Object[][] actions = {
                {"GET", "/admin/registry/participants/" + court, Caller.Role.VIEWER, 200},
                {"GET", "/admin/dead-letters", Caller.Role.VIEWER, 200},
                {"GET", "/admin/pki/certificates?expiring=true", Caller.Role.VIEWER, 200},
                {"GET", "/actuator/metrics", Caller.Role.VIEWER, 200},
                {"POST", "/admin/registry/participants/" + court + "/suspend", Caller.Role.ENGINEER, 200},
                {"POST", "/admin/registry/participants/" + court + "/resume", Caller.Role.ENGINEER, 200},
                {"POST", "/admin/dead-letters/" + UUID.randomUUID() + "/replay", Caller.Role.ENGINEER, 404},
                {"POST", "/admin/pki/participants/" + court + "/sandbox", Caller.Role.ADMIN, 200},
                {"GET", "/admin/operators", Caller.Role.ADMIN, 200},
                {"GET", "/admin/audit", Caller.Role.ADMIN, 200},
        };
        for (Object[] a : actions) {
            Caller.Role least = (Caller.Role) a[2];
            for (Caller.Role role : Caller.Role.values()) {
                String bearer = role == Caller.Role.VIEWER ? viewer : role == Caller.Role.ENGINEER ? engineer : admin;
                HttpResponse<String> r = as(bearer, (String) a[0], (String) a[1]);
                String what = role + " " + a[0] + " " + a[1];
                if (role.compareTo(least) >= 0) {
                    assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo((int) a[3]);
                } else {
                    assertThat(r.statusCode()).as(what).isEqualTo(403);
                    assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("FORBIDDEN");
                }
            }
        }
        // the registry import (admin only): an engineer is refused before the body is read
        HttpResponse<String> imported = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/registry/import"))
                .header("Authorization", engineer).header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).isEqualTo(403);
    }

    @Test
    void theAuditTrailRecordsEveryAdministrativeActionWithWhoWhatAndOutcome() throws Exception {
        String court = newCourt("AUD", Channel.REST);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String engineer = newOperator("eng-" + tag, Caller.Role.ENGINEER);
        long before = JSON.readTree(admin("GET", "/admin/audit?after=0&limit=1000", null).body()).get("next").asLong();
        before = lastSeq(before);
        assertThat(as(engineer, "POST", "/admin/registry/participants/" + court + "/suspend").statusCode()).isEqualTo(200);
        assertThat(as(engineer, "POST", "/admin/pki/hub-signing/rotate").statusCode()).isEqualTo(403);
        assertThat(as(engineer, "POST", "/admin/registry/participants/" + court + "/resume").statusCode()).isEqualTo(200);
        assertThat(as("Bearer not-a-token", "POST", "/admin/registry/participants/" + court + "/suspend").statusCode()).isEqualTo(401);
        assertThat(getAs(court, "/admin/registry/participants").statusCode()).isEqualTo(403);

        JsonNode entries = JSON.readTree(admin("GET", "/admin/audit?after=" + before + "&limit=1000", null).body()).get("entries");
        List<String> lines = new ArrayList<>();
        for (JsonNode e : entries) {
            lines.add(e.get("actor").asText() + " " + e.get("method").asText() + " " + e.get("path").asText() + " " + e.get("status").asInt()
                    + " " + e.get("outcome").asText());
            assertThat(e.get("at").asText()).isNotBlank();
        }
        String who = "eng-" + tag;
        assertThat(lines).containsSubsequence(
                who + " POST /admin/registry/participants/" + court + "/suspend 200 DONE",
                who + " POST /admin/pki/hub-signing/rotate 403 REFUSED",
                who + " POST /admin/registry/participants/" + court + "/resume 200 DONE",
                "- POST /admin/registry/participants/" + court + "/suspend 401 REFUSED",
                court + " GET /admin/registry/participants 403 REFUSED");
        for (JsonNode e : entries) {
            if (e.get("actor").asText().equals(who)) {
                assertThat(e.get("role").asText()).isEqualTo("ENGINEER");
                assertThat(e.get("actorKind").asText()).isEqualTo("OPERATOR");
            }
        }
        // append-only: the database refuses to change or remove an entry
        assertThatThrownBy(() -> jdbc.update("update audit_events set actor = 'someone-else' where actor = ?", who)).isNotNull();
        assertThatThrownBy(() -> jdbc.update("delete from audit_events where actor = ?", who)).isNotNull();
        // getting its token (POST /admin/tokens), then the three actions
        assertThat(jdbc.queryForObject("select count(*) from audit_events where actor = ?", Integer.class, who)).isEqualTo(4);
    }

    private long lastSeq(long from) throws Exception {
        long next = from;
        while (true) {
            JsonNode page = JSON.readTree(admin("GET", "/admin/audit?after=" + next + "&limit=1000", null).body());
            if (page.get("entries").isEmpty()) {
                return next;
            }
            next = page.get("next").asLong();
        }
    }

    @Test
    void tokensEndWithRevocationPasswordResetAndDisabledAccounts() throws Exception {
        String name = "tok-" + UUID.randomUUID().toString().substring(0, 6);
        String token = newOperator(name, Caller.Role.VIEWER);
        assertThat(as(token, "GET", "/admin/dead-letters").statusCode()).isEqualTo(200);
        // a second token, then log the first out
        String password = JSON.readTree(admin("POST", "/admin/operators/" + name + "/password", null).body()).get("password").asText();
        assertThat(as(token, "GET", "/admin/dead-letters").statusCode()).as("token from before the password reset").isEqualTo(401);
        String fresh = "Bearer " + Operators.token(https(), tlsBase(), name, password);
        assertThat(as(fresh, "GET", "/admin/dead-letters").statusCode()).isEqualTo(200);
        assertThat(as(fresh, "DELETE", "/admin/tokens/current").statusCode()).isEqualTo(204);
        assertThat(as(fresh, "GET", "/admin/dead-letters").statusCode()).isEqualTo(401);
        String third = "Bearer " + Operators.token(https(), tlsBase(), name, password);
        assertThat(admin("POST", "/admin/operators/" + name + "/disable", null).statusCode()).isEqualTo(200);
        assertThat(as(third, "GET", "/admin/dead-letters").statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> Operators.token(https(), tlsBase(), name, password)).hasMessageContaining("401");
    }

    @Test
    void passwordGuessingIsThrottledPerClientAddress() throws Exception {
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:guess".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            guesses.add(https().sendAsync(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/tokens")).header("Authorization", wrong)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int throttled = 0;
        for (var g : guesses) {
            HttpResponse<String> r = g.get();
            if (r.statusCode() == 429) {
                throttled++;
                assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
            } else {
                assertThat(r.statusCode()).isEqualTo(401);
            }
        }
        assertThat(throttled).as("of 30 guesses at once, 5 checks a second allowed").isGreaterThanOrEqualTo(20);
        // the next second the right password works again
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).ignoreExceptions().until(() ->
                !Operators.token(https(), tlsBase(), "admin", cn.courtmediation.hub.support.HubTestEnvironment.ADMIN_PASSWORD).isEmpty());
    }

    @Test
    void passwordsAreStoredOnlyAsDelegatingEncoderHashes() throws Exception {
        String name = "hash-" + UUID.randomUUID().toString().substring(0, 6);
        String password = Operators.create(https(), tlsBase(), adminAuth(), name, Caller.Role.VIEWER);
        String stored = jdbc.queryForObject("select password_hash from operators where username = ?", String.class, name);
        assertThat(stored).startsWith("{bcrypt}").doesNotContain(password);
        assertThat(jdbc.queryForObject("select count(*) from operator_tokens where token_sha256 = ?", Integer.class,
                password)).isZero();
        HttpResponse<String> again = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/operators"))
                .header("Authorization", adminAuth()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"role\":\"viewer\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("code").asText()).isEqualTo("ACCOUNT_EXISTS");
        HttpResponse<String> badRole = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/operators"))
                .header("Authorization", adminAuth()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"x" + name.toLowerCase(Locale.ROOT) + "\",\"role\":\"root\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badRole.statusCode()).isEqualTo(400);
    }
}
