package cn.courtmediation.hub.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session with the operations console over plain HTTP requests: signs in with the form (GET /console/login
 * for the CSRF token, POST user and password), keeps the session cookie, and posts forms with the CSRF token of the
 * last page it got, as a browser would. For ITs of console pages and actions without a real browser (ConsoleBrowser).
 */
public final class ConsoleSession {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|name=\"csrf-token\"[^>]*content=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("^([^=;]+)=([^;]*)");
    private final HttpClient https;
    private final String tlsBase;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;
    private HttpResponse<String> signIn;
    private String beforeSignIn;

    public ConsoleSession(HttpClient https, String tlsBase) {
        this.https = https;
        this.tlsBase = tlsBase;
    }

    /** A session signed in as user (asserts nothing: see signInAnswer() and signedIn()). */
    public static ConsoleSession signIn(HttpClient https, String tlsBase, String user, String password) {
        ConsoleSession s = new ConsoleSession(https, tlsBase);
        s.get("/console/login");
        s.beforeSignIn = s.cookies.get("HUB_CONSOLE");
        s.signIn = s.postForm("/console/login", Map.of("username", user, "password", password));
        return s;
    }

    /** The answer to the sign-in POST (302 to /console when it worked, to /console/login?error when not). */
    public HttpResponse<String> signInAnswer() {
        return signIn;
    }

    /** The session cookie the sign-in form came with (signing in must replace it: no session fixation). */
    public String cookieBeforeSignIn() {
        return beforeSignIn;
    }

    /** True when the sign-in was accepted (redirected to the console, not back to the form). */
    public boolean signedIn() {
        return signIn != null && signIn.statusCode() == 302
                && signIn.headers().firstValue("Location").map(l -> l.endsWith("/console")).orElse(false);
    }

    /** GET as a browser page request (Accept: text/html); remembers the page's CSRF token and any new cookie. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(tlsBase + path)).header("Accept", "text/html").GET());
    }

    /** GET asking for JSON (a page's live refresh), with the session cookie. */
    public HttpResponse<String> getJson(String path) {
        return send(HttpRequest.newBuilder(URI.create(tlsBase + path)).header("Accept", "application/json").GET());
    }

    /** POST a form with the CSRF token of the last page (as a page's form would). */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        return postRaw(path, all);
    }

    /** POST a form without any CSRF token (what a forged cross-site form would send). */
    public HttpResponse<String> postFormWithoutCsrf(String path, Map<String, String> fields) {
        return postRaw(path, fields);
    }

    /** The session's cookie value (null before the hub set one). */
    public String cookie(String name) {
        return cookies.get(name);
    }

    private HttpResponse<String> postRaw(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(tlsBase + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> r = https.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            for (String set : r.headers().allValues("Set-Cookie")) {
                Matcher m = COOKIE.matcher(set);
                if (m.find()) {
                    if (set.contains("Max-Age=0")) {
                        cookies.remove(m.group(1));
                    } else {
                        cookies.put(m.group(1), m.group(2));
                    }
                }
            }
            Matcher token = CSRF.matcher(r.body());
            if (token.find()) {
                csrf = token.group(1) != null ? token.group(1) : token.group(2);
            }
            return r;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
