package cn.courtmediation.hub.load.faults;

import cn.courtmediation.hub.load.HubAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One hub JVM started from the built jar (java -jar) on fixed ports (plain and HTTPS) and a data dir, with a first admin
 * whose password the run generated; killed, stopped and restarted by the fault driver.
 */
final class HubProcess implements AutoCloseable {
    private final Path jar;
    private final Path workDir;
    private final Path dataDir;
    private final Path log;
    private final int httpPort;
    private final int tlsPort;
    private final Path adminPasswordFile;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private HubAdmin admin;
    private int starts;

    /** adminPasswordFile: the first admin's password (HUB_ADMIN_PASSWORD), written by the run into its work dir. */
    HubProcess(Path jar, Path workDir, Path dataDir, Path log, int httpPort, int tlsPort, Path adminPasswordFile, Map<String, String> env) {
        this.jar = jar;
        this.workDir = workDir;
        this.dataDir = dataDir;
        this.log = log;
        this.httpPort = httpPort;
        this.tlsPort = tlsPort;
        this.adminPasswordFile = adminPasswordFile;
        this.env = env;
    }

    /** How long a start may take until readiness is UP: FAULT_START_TIMEOUT seconds, 300 by default (a busy 2-core machine). */
    static Duration startTimeout() {
        return Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("FAULT_START_TIMEOUT", "300")));
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts the JVM; its output is appended to the log (a marker line tells the starts apart). */
    synchronized void start() throws IOException {
        starts++;
        Files.writeString(log, "==== fault run: hub start " + starts + " ====\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBinary(), "-Xmx768m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("SERVER_PORT", String.valueOf(httpPort));
        pb.environment().put("HUB_DATA_DIR", dataDir.toString());
        pb.environment().put("HUB_DEMO_SCENARIO", "false");
        pb.environment().put("HUB_TLS_PORT", String.valueOf(tlsPort));
        pb.environment().put("HUB_ADMIN_PASSWORD", Files.readString(adminPasswordFile).trim());
        // the load comes from one address (this machine) without credentials: the hub's default of 1000 requests/s per
        // address (and 200/s per participant or operator) would answer part of it 429 and measure the limit, not the hub
        pb.environment().put("HUB_RATE_UNAUTHENTICATED", "100000");
        pb.environment().put("HUB_RATE_SUBMISSIONS", "100000");
        pb.environment().put("HUB_RATE_READS", "100000");
        process = pb.start();
    }

    /** Waits until readiness is UP; fails with the log's last lines when the JVM exits or the time runs out. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(3)).build();
        while (true) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IOException("the hub exited before it was ready (exit " + (p == null ? "-" : p.exitValue()) + "); last lines of "
                        + log + ":\n" + tail(40));
            }
            try {
                HttpResponse<String> r = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the hub was not ready within " + timeout.toSeconds() + " s; last lines of " + log + ":\n" + tail(40));
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** One readiness probe (2 s limit): true when it answers UP. */
    boolean ready() throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** kill -9 of the JVM, waiting until it is gone. */
    void kill9() throws InterruptedException {
        Process p = process;
        if (p != null && p.isAlive()) {
            // Process.destroyForcibly is SIGKILL on Linux
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, then waits for the exit (SIGKILL after the limit); returns how long the stop took, in ms. */
    long terminate(Duration limit) throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return 0;
        }
        long t0 = System.nanoTime();
        p.destroy();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /**
     * The admin operator on the HTTPS port, trusting the CA the hub wrote into its data dir (the hub must be ready the
     * first time). One login per run: the token is in the hub's database, so it outlives a restart.
     */
    synchronized HubAdmin admin() throws IOException, InterruptedException {
        if (admin == null) {
            admin = HubAdmin.connect("https://127.0.0.1:" + tlsPort, dataDir.resolve("pki/hub-ca.pem"), "admin", adminPasswordFile);
        }
        return admin;
    }

    /** The last n lines of the hub's log. */
    String tail(int n) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        terminate(Duration.ofSeconds(30));
    }
}
