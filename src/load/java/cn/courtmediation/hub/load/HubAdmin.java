package cn.courtmediation.hub.load;

import cn.courtmediation.hub.support.HubTls;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The tools as an operator on the hub's HTTPS port (docs/interfaces.md §18.3): trusts the hub CA from a file, gets a
 * token once with the operator's password (POST /admin/tokens, Basic) and sends every /admin call and read with it.
 */
public final class HubAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A 429 is waited out (Retry-After) this many times before it is the answer. */
    private static final int RATE_LIMIT_RETRIES = 20;

    private final String base;
    private final X509Certificate ca;
    private final HttpClient https;
    private final String bearer;

    private HubAdmin(String base, X509Certificate ca, HttpClient https, String bearer) {
        this.base = base;
        this.ca = ca;
        this.https = https;
        this.bearer = bearer;
    }

    /**
     * Connects as the operator: tlsUrl the HTTPS base (https://host:port), caFile the hub CA (data/pki/hub-ca.pem),
     * passwordFile a file holding the operator's password (its first line).
     */
    public static HubAdmin connect(String tlsUrl, Path caFile, String user, Path passwordFile) throws IOException, InterruptedException {
        String base = tlsUrl.replaceAll("/+$", "");
        if (!base.startsWith("https://")) {
            throw new IOException("the hub's admin API and reads are served on its HTTPS port: give an https:// URL, not " + base);
        }
        X509Certificate ca = readCertificate(caFile);
        String password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
        if (password.isEmpty()) {
            throw new IOException("no password in " + passwordFile);
        }
        HttpClient https = HubTls.client(ca, null, null);
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        // password checks are throttled per address (429): another tool on this machine may be logging in too
        HttpResponse<String> r = send(https, HttpRequest.newBuilder(URI.create(base + "/admin/tokens")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("POST " + base + "/admin/tokens as " + user + ": HTTP " + r.statusCode() + " "
                    + LoadSupport.abbreviate(r.body(), 300));
        }
        return new HubAdmin(base, ca, https, "Bearer " + JSON.readTree(r.body()).path("token").asText());
    }

    /** The hub CA certificate in a PEM file. */
    public static X509Certificate readCertificate(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException("no certificate in " + pem + ": " + e.getMessage(), e);
        }
    }

    /** The hub CA the client trusts. */
    public X509Certificate ca() {
        return ca;
    }

    /** A request to path on the HTTPS port with the operator's token (30 s limit). */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Authorization", bearer);
    }

    /** Sends the request; a 429 (rate limit) is waited out for its Retry-After and sent again. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        return send(https, request, body);
    }

    private static <T> HttpResponse<T> send(HttpClient https, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        for (int i = 0; ; i++) {
            HttpResponse<T> r = https.send(request, body);
            if (r.statusCode() != 429 || i >= RATE_LIMIT_RETRIES) {
                return r;
            }
            long seconds = r.headers().firstValueAsLong("Retry-After").orElse(1);
            // pacing demanded by the hub, not a correctness wait
            TimeUnit.SECONDS.sleep(Math.max(1, Math.min(seconds, 10)));
        }
    }

    /** GET path as text; anything but 200 is an IOException with the answer. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + LoadSupport.abbreviate(r.body(), 300));
        }
        return r.body();
    }

    /** GET path: status code and body, whatever they are (for reports). */
    public HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
