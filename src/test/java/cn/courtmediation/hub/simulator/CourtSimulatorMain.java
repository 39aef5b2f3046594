package cn.courtmediation.hub.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the court simulator as a process (scripts/simulator.sh), printing totals every 5 s until it is stopped; public for exec:java. */
public final class CourtSimulatorMain {
    private static final String USAGE = """
            Court-system simulator: serves POST /courts/{code}/rest, /courts/{code}/soap and /units/{code} for every code,
            verifies the hub's signature on each delivery, counts per court, answers with configured latency/failures.
            Options:
              --port N            listen port (9090; 0 = any free one)
              --host H            listen address (127.0.0.1)
              --hub URL           hub whose CA certificate to trust, read from URL/pki/hub-ca.pem (http://127.0.0.1:8080)
              --ca FILE           read the hub CA certificate (PEM) from a file instead
              --wait-seconds N    how long to wait for the hub to serve its CA certificate (60)
              --latency-ms N      default answer latency of every court (0)
              --failure-rate R    default share of deliveries answered with a failure, 0.0 to 1.0 (0)
              --threads N         worker threads (64)
              --remember N        recent deliveries remembered to spot duplicates (1000000, about 16 bytes each)
            Control while it runs: GET /sim/stats[?court=CODE]; POST /sim/config?[court=CODE&]latencyMs=N&failureRate=R&down=true|false;
            POST /sim/reset (counts and remembered ids).""";

    private CourtSimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        if (o == null) {
            System.out.println(USAGE);
            return;
        }
        X509Certificate ca = o.containsKey("ca") ? readCa(Path.of(o.get("ca")))
                : fetchCa(o.getOrDefault("hub", "http://127.0.0.1:8080"), Duration.ofSeconds(Long.parseLong(o.getOrDefault("wait-seconds", "60"))));
        Settings s = Settings.of(Integer.parseInt(o.getOrDefault("port", "9090")), ca)
                .withHost(o.getOrDefault("host", "127.0.0.1"))
                .withDefaults(new Behaviour(Long.parseLong(o.getOrDefault("latency-ms", "0")),
                        Double.parseDouble(o.getOrDefault("failure-rate", "0")), false))
                .withThreads(Integer.parseInt(o.getOrDefault("threads", "64")))
                .withRememberedIds(Integer.parseInt(o.getOrDefault("remember", "1000000")));
        CourtSimulator sim = CourtSimulator.start(s);
        System.out.printf("court simulator at %s, trusting hub CA %s; stats at %s/sim/stats%n",
                sim.baseUrl(), ca.getSubjectX500Principal().getName(), sim.baseUrl());

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long[] last = {0};
        ticker.scheduleAtFixedRate(() -> {
            CourtStats t = sim.totals();
            System.out.println(line(t, Math.max(0, t.received() - last[0]) / 5.0, sim.courtsCounted()));
            last[0] = t.received();
        }, 5, 5, TimeUnit.SECONDS);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ticker.shutdownNow();
            System.out.println("stopping; " + line(sim.totals(), 0.0, sim.courtsCounted()));
            sim.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String line(CourtStats t, double perSecond, int courts) {
        return String.format("%s received=%d (+%.1f/s) distinct=%d duplicates=%d badSignatures=%d failures=%d malformed=%d courts=%d",
                LocalTime.now().truncatedTo(ChronoUnit.SECONDS), t.received(), perSecond, t.distinct(), t.duplicates(),
                t.badSignatures(), t.failures(), t.malformed(), courts);
    }

    /** --name value pairs; null when help was asked for. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                return null;
            }
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --option value, got " + args[i] + "\n" + USAGE);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static X509Certificate fetchCa(String hub, Duration wait) throws IOException, InterruptedException, CertificateException {
        URI uri = URI.create(hub.replaceAll("/+$", "") + "/pki/hub-ca.pem");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String problem;
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    return parse(new ByteArrayInputStream(r.body()));
                }
                problem = "HTTP " + r.statusCode();
            } catch (IOException e) {
                problem = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no hub CA certificate from " + uri + " within " + wait.toSeconds() + " s: " + problem);
            }
            System.out.println("waiting for the hub CA certificate at " + uri + " (" + problem + ")");
            TimeUnit.SECONDS.sleep(1); // the hub may still be starting
        }
    }

    private static X509Certificate readCa(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    private static X509Certificate parse(InputStream pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
    }
}
