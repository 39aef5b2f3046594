package cn.courtmediation.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A whole hub in a child JVM on a data directory of its own, for tests that must kill it the way an operating
 * system does (SIGKILL: no shutdown hook, no flush) and start it again on the same files.
 */
public final class HubProcess implements AutoCloseable {
    private final Path dataDir;
    private final int httpPort;
    private final int brokerPort;
    private final int tlsPort;
    private final int brokerTlsPort;
    private final List<String> extraArgs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    public HubProcess(Path dataDir, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.httpPort = freePort();
        this.brokerPort = freePort();
        this.tlsPort = freePort();
        this.brokerTlsPort = freePort();
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts the hub (same data directory and ports every time) and waits until readiness is UP. */
    public void start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "cn.courtmediation.hub.MediationHubApplication",
                "--server.port=" + httpPort, "--hub.data-dir=" + dataDir, "--hub.broker.port=" + brokerPort,
                "--hub.broker.tls-port=" + brokerTlsPort,
                "--hub.access.tls-port=" + tlsPort, "--hub.access.initial-admin-password=" + HubTestEnvironment.ADMIN_PASSWORD,
                "--hub.demo.scenario.enabled=false", "--logging.level.root=WARN"));
        cmd.addAll(extraArgs);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-hub-" + (++starts) + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Awaitility.await("hub start " + starts + " (log " + log + ")").atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the hub exited with " + process.exitValue() + ":\n" + tail(log));
                        }
                        return ready();
                    });
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** SIGKILL: the process gets no chance to flush or close anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** The HTTPS port (reads need a certificate or an operator token). */
    public String tlsBase() {
        return "https://127.0.0.1:" + tlsPort;
    }

    /** GET on the HTTPS port as a viewer operator (the CA the client trusts is the hub's, from its data directory). */
    public HttpResponse<String> getAsViewer(String path) throws Exception {
        HttpClient https = HubTls.client(caCertificate(), null, null);
        return https.send(HttpRequest.newBuilder(URI.create(tlsBase() + path))
                .header("Authorization", Operators.bearer(https, tlsBase(), cn.courtmediation.hub.access.Caller.Role.VIEWER)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST with no body on the HTTPS port as the admin operator (e.g. issuing a partner's broker account). */
    public HttpResponse<String> postAsAdmin(String path) throws Exception {
        HttpClient https = HubTls.client(caCertificate(), null, null);
        return https.send(HttpRequest.newBuilder(URI.create(tlsBase() + path))
                .header("Authorization", Operators.bearer(https, tlsBase(), cn.courtmediation.hub.access.Caller.Role.ADMIN))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private java.security.cert.X509Certificate caCertificate() throws Exception {
        try (java.io.InputStream in = Files.newInputStream(dataDir.resolve("pki").resolve("hub-ca.pem"))) {
            return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The log file of the latest start (stdout and stderr of the child JVM). */
    public Path log() {
        return dataDir.resolveSibling(dataDir.getFileName() + "-hub-" + starts + ".log");
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
