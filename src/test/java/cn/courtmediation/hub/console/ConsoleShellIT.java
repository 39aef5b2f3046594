package cn.courtmediation.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.support.ConsoleSession;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.Operators;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The console's frame over real HTTPS: signing in with the form (session cookie Secure, HttpOnly, SameSite=Strict), CSRF
 * on session POSTs, operator tokens without CSRF, roles, the plain port, GET /, and the audit of every console POST.
 */
class ConsoleShellIT extends HubIntegrationTest {

    private HttpResponse<String> send(String method, String path, String authorization, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tlsBase() + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return https().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("code").asText()).isEqualTo(code);
        return p;
    }

    private JsonNode auditAfter(long seq) throws Exception {
        return JSON.readTree(admin("GET", "/admin/audit?after=" + seq + "&limit=1000", null).body()).get("entries");
    }

    private long auditNow() throws Exception {
        return JSON.readTree(admin("GET", "/admin/audit?after=0&limit=1", null).body()).get("next").asLong();
    }

    @Test
    void aBrowserWithoutSessionIsSentToSignInAndAScriptGets401() throws Exception {
        HttpResponse<String> browser = send("GET", "/console/routes", null, "text/html");
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login"));
        problem(send("GET", "/console/routes", null, "application/json"), 401, "UNAUTHORIZED");
        problem(send("GET", "/console", "Bearer not-a-token", "text/html"), 401, "UNAUTHORIZED");

        HttpResponse<String> form = send("GET", "/console/login", null, "text/html");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"username\"", "name=\"password\"", "name=\"_csrf\"", "Sign in");
        assertThat(send("GET", "/console/console.css", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void signingInGivesAStrictSecureSessionCookieAndTheConsoleShowsWhoIsSignedIn() throws Exception {
        ConsoleSession s = ConsoleSession.signIn(https(), tlsBase(), "admin", HubTestEnvironment.ADMIN_PASSWORD);

        assertThat(s.signedIn()).as(s.signInAnswer().headers().map().toString()).isTrue();
        String setCookie = s.signInAnswer().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("HUB_CONSOLE=")).findFirst()
                .orElseThrow();
        assertThat(setCookie).contains("Secure", "HttpOnly", "SameSite=Strict");
        // a new session id once signed in: a session planted before (fixation) is not the signed-in one
        assertThat(s.cookieBeforeSignIn()).isNotNull().isNotEqualTo(s.cookie("HUB_CONSOLE"));
        HttpResponse<String> overview = s.get("/console");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("Overview", "admin", "/console/routes", "/console/queues", "/console/participants",
                "/console/messages", "/console/failures", "/console/alerts", "/console/statistics", "/console/audit", "Sign out");
        for (String page : new String[] {"routes", "queues", "participants", "messages", "failures", "alerts", "statistics", "audit"}) {
            assertThat(s.get("/console/" + page).statusCode()).as(page).isEqualTo(200);
        }
    }

    @Test
    void aWrongPasswordShowsAnErrorGivesNoSessionAndIsAudited() throws Exception {
        long before = auditNow();
        ConsoleSession s = ConsoleSession.signIn(https(), tlsBase(), "admin", "wrong-password");

        assertThat(s.signedIn()).isFalse();
        assertThat(s.signInAnswer().headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?error"));
        assertThat(s.get("/console/login?error").body()).contains("Wrong user name or password");
        assertThat(s.get("/console").statusCode()).isEqualTo(302);
        JsonNode entries = auditAfter(before);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo("?admin");
            assertThat(e.get("path").asText()).isEqualTo("/console/login");
            assertThat(e.get("status").asInt()).isEqualTo(401);
            assertThat(e.get("outcome").asText()).isEqualTo("REFUSED");
        });
    }

    @Test
    void aSessionPostNeedsItsCsrfTokenAndEveryConsolePostIsAuditedWithActorAndRole() throws Exception {
        String user = "eng-" + UUID.randomUUID().toString().substring(0, 8);
        String password = Operators.create(https(), tlsBase(), adminAuth(), user, Caller.Role.ENGINEER);
        long before = auditNow();
        ConsoleSession s = ConsoleSession.signIn(https(), tlsBase(), user, password);
        assertThat(s.signedIn()).isTrue();
        s.get("/console");

        JsonNode refused = problem(s.postFormWithoutCsrf("/console/logout", Map.of()), 403, "FORBIDDEN");
        assertThat(refused.get("detail").asText()).contains("CSRF");
        assertThat(s.get("/console").statusCode()).isEqualTo(200);

        HttpResponse<String> out = s.postForm("/console/logout", Map.of());
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?signedOut"));
        assertThat(s.get("/console").statusCode()).isEqualTo(302);

        JsonNode entries = auditAfter(before);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo(user);
            assertThat(e.get("role").asText()).isEqualTo("ENGINEER");
            assertThat(e.get("path").asText()).isEqualTo("/console/login");
            assertThat(e.get("outcome").asText()).isEqualTo("DONE");
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo(user);
            assertThat(e.get("path").asText()).isEqualTo("/console/logout");
            assertThat(e.get("status").asInt()).isEqualTo(403);
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo(user);
            assertThat(e.get("path").asText()).isEqualTo("/console/logout");
            assertThat(e.get("status").asInt()).isEqualTo(302);
        });
    }

    @Test
    void anOperatorTokenWorksWithoutCsrfAndRolesDecide() throws Exception {
        HttpResponse<String> viewerPage = send("GET", "/console", viewerAuth(), "text/html");
        assertThat(viewerPage.statusCode()).isEqualTo(200);
        assertThat(viewerPage.body()).contains("viewer-it").doesNotContain("/console/audit\"");
        problem(send("GET", "/console/audit", viewerAuth(), "text/html"), 403, "FORBIDDEN");
        assertThat(send("GET", "/console/audit", adminAuth(), "text/html").statusCode()).isEqualTo(200);
        // a viewer may not act: refused by role before anything is looked up
        problem(send("POST", "/console/routes/message-intake/stop", viewerAuth(), null), 403, "FORBIDDEN");
        // no session, no cookie: a token request never creates one
        assertThat(viewerPage.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("HUB_CONSOLE="));
        problem(send("GET", "/console/no-such-page", viewerAuth(), "application/json"), 404, "NOT_FOUND");
    }

    @Test
    void thePlainPortSendsBrowsersToHttpsAndRefusesScriptsAndGetSlashLeadsToTheConsole() throws Exception {
        HttpResponse<String> browser = http.send(HttpRequest.newBuilder(URI.create(base() + "/console")).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("https://").endsWith("/console"));
        problem(http.send(HttpRequest.newBuilder(URI.create(base() + "/console/login")).POST(HttpRequest.BodyPublishers.ofString(
                "username=admin&password=x")).header("Content-Type", "application/x-www-form-urlencoded").build(),
                HttpResponse.BodyHandlers.ofString()), 401, "UNAUTHORIZED");
        problem(http.send(HttpRequest.newBuilder(URI.create(base() + "/console")).header("Authorization", viewerAuth()).GET().build(),
                HttpResponse.BodyHandlers.ofString()), 401, "UNAUTHORIZED");

        HttpResponse<String> root = send("GET", "/", null, "text/html");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
        HttpResponse<String> about = send("GET", "/about", null, "text/html");
        assertThat(about.statusCode()).isEqualTo(200);
        assertThat(about.body()).contains("Court Mediation Integration Hub", "href=\"console\"");
    }
}
