package cn.courtmediation.hub.load;

import cn.courtmediation.hub.support.HubTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Does a flood from one court cost the others anything (issue 13 item 5)? A quiet court reads its statistics one
 * request after another (--quiet-rate a second) over HTTPS with its certificate, alone (baseline) and then while a flooding court sends reads
 * from many threads at once; the quiet court's latencies are compared as ratios to the baseline of the same run, and
 * the flooder's answers counted (200 within its limit, 429 beyond). Phases alternate (baseline, flood, baseline, flood)
 * so that a drift of the machine shows.
 *
 *   FloodCheck --tls-url https://127.0.0.1:8443 --ca-file data/pki/hub-ca.pem --admin-password-file FILE
 *              [--quiet C310115] [--flooder C110105] [--threads 32] [--reads 1000] [--flood-rate 1000 | 0] [--quiet-rate 20]
 */
public final class FloodCheck {
    // the quiet court's pace (--quiet-rate, default 20/s), and the fastest it catches up when behind (twice that)
    private static long intervalNanos = 50_000_000L;
    private static long minGapNanos = 25_000_000L;
    private static final AtomicLong QUIET_REFUSED = new AtomicLong();

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        HubAdmin admin = HubAdmin.connect(o.get("tls-url"), Path.of(o.get("ca-file")), "admin", Path.of(o.get("admin-password-file")));
        String base = o.get("tls-url").replaceAll("/+$", "");
        LoadSigner quiet = LoadSigner.fetch(admin, o.getOrDefault("quiet", "C310115"));
        LoadSigner flooder = LoadSigner.fetch(admin, o.getOrDefault("flooder", "C110105"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "32"));
        int reads = Integer.parseInt(o.getOrDefault("reads", "1000"));
        // the flood's pace in requests per second over all its threads (0: as fast as its threads go)
        int floodRate = Integer.parseInt(o.getOrDefault("flood-rate", "1000"));
        int quietRate = Integer.parseInt(o.getOrDefault("quiet-rate", "20"));
        intervalNanos = 1_000_000_000L / quietRate;
        minGapNanos = intervalNanos / 2;
        long floodInterval = floodRate <= 0 ? 0 : 1_000_000_000L * threads / floodRate;
        HttpClient quietClient = HubTls.client(admin.ca(), quiet.key(), quiet.certificate());
        HttpClient flooderClient = HubTls.client(admin.ca(), flooder.key(), flooder.certificate());
        HttpRequest read = HttpRequest.newBuilder(URI.create(base + "/api/v1/statistics")).GET().build();
        measure(quietClient, read, reads / 5); // warm-up: TLS session, JIT, connection pool

        List<String> lines = new ArrayList<>();
        Histogram[] baseline = {new Histogram(3), new Histogram(3)};
        Histogram[] flooded = {new Histogram(3), new Histogram(3)};
        long ok = 0;
        long limited = 0;
        long other = 0;
        for (int round = 0; round < 2; round++) {
            baseline[round] = measure(quietClient, read, reads);
            AtomicLong[] answers = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
            AtomicBoolean flooding = new AtomicBoolean(true);
            List<Thread> flood = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long offset = floodInterval * t / Math.max(1, threads);
                Thread thread = new Thread(() -> {
                    long next = System.nanoTime() + offset;
                    while (flooding.get()) {
                        try {
                            if (floodInterval > 0) {
                                long wait = next - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                }
                                next += floodInterval;
                            }
                            int s = flooderClient.send(read, HttpResponse.BodyHandlers.discarding()).statusCode();
                            answers[s == 200 ? 0 : s == 429 ? 1 : 2].incrementAndGet();
                        } catch (Exception e) {
                            answers[2].incrementAndGet();
                        }
                    }
                });
                thread.start();
                flood.add(thread);
            }
            long floodStart = System.nanoTime();
            flooded[round] = measure(quietClient, read, reads);
            flooding.set(false);
            for (Thread t : flood) {
                t.join();
            }
            double seconds = (System.nanoTime() - floodStart) / 1e9;
            ok += answers[0].get();
            limited += answers[1].get();
            other += answers[2].get();
            lines.add(String.format("round %d: flooder %d threads (pace %s) for %.1f s: %d x 200, %d x 429, %d other (%.0f requests/s)",
                    round + 1, threads, floodRate <= 0 ? "none" : floodRate + "/s", seconds, answers[0].get(), answers[1].get(), answers[2].get(),
                    (answers[0].get() + answers[1].get() + answers[2].get()) / seconds));
        }
        System.out.println("Quiet court's reads (GET /api/v1/statistics over HTTPS, its certificate, " + quietRate + "/s), latency in ms from the intended start:");
        System.out.println("| phase | reads | p50 | p90 | p99 | max |");
        System.out.println("|---|---|---|---|---|---|");
        for (int round = 0; round < 2; round++) {
            row("alone, round " + (round + 1), baseline[round]);
            row("during the flood, round " + (round + 1), flooded[round]);
        }
        Histogram b = new Histogram(3);
        Histogram f = new Histogram(3);
        for (int round = 0; round < 2; round++) {
            b.add(baseline[round]);
            f.add(flooded[round]);
        }
        System.out.printf("ratio flood/alone: p50 %.2f, p90 %.2f, p99 %.2f%n", ratio(f, b, 50), ratio(f, b, 90), ratio(f, b, 99));
        lines.forEach(System.out::println);
        System.out.printf("flooder in total: %d x 200, %d x 429, %d other; the quiet court's reads answered other than 200: %d%n",
                ok, limited, other, QUIET_REFUSED.get());
    }

    /**
     * n reads at the quiet rate, each timed from its intended start, so that a read held up delays the ones after it and
     * shows. Behind its schedule it catches up at no more than twice that rate, so that it stays within its own limit;
     * any answer but 200 is counted in QUIET_REFUSED.
     */
    private static Histogram measure(HttpClient client, HttpRequest read, int n) throws Exception {
        Histogram h = new Histogram(3);
        long start = System.nanoTime();
        long last = 0;
        for (int i = 0; i < n; i++) {
            long t = start + i * intervalNanos;
            long at = Math.max(t, last + minGapNanos);
            long wait = at - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            last = System.nanoTime();
            HttpResponse<Void> r = client.send(read, HttpResponse.BodyHandlers.discarding());
            h.recordValue((System.nanoTime() - t) / 1000);
            if (r.statusCode() != 200) {
                QUIET_REFUSED.incrementAndGet();
            }
        }
        return h;
    }

    private static void row(String phase, Histogram h) {
        System.out.printf("| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", phase, h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }

    private static double ratio(Histogram f, Histogram b, double percentile) {
        return (double) f.getValueAtPercentile(percentile) / b.getValueAtPercentile(percentile);
    }
}
