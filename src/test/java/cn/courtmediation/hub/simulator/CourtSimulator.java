package cn.courtmediation.hub.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP server playing the trial systems of every court, tribunal, unit and organisation the registry names:
 * it checks the hub's signature on each delivery, counts per court, and answers with each court's latency and
 * failure rate. Tests start it on port 0; {@link CourtSimulatorMain} runs it as a process.
 */
public final class CourtSimulator implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final CourtLedger ledger;
    private final String baseUrl;

    private CourtSimulator(HttpServer server, ExecutorService workers, ScheduledExecutorService timer, CourtLedger ledger,
                           String host) {
        this.server = server;
        this.workers = workers;
        this.timer = timer;
        this.ledger = ledger;
        this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
    }

    /** Starts on the port (0: any free one), trusting deliveries signed under the hub CA certificate. */
    public static CourtSimulator start(int port, X509Certificate hubCa) throws IOException {
        return start(Settings.of(port, hubCa));
    }

    static CourtSimulator start(Settings s) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(s.host(), s.port()), 1024);
        // Workers only read, verify and count, never wait: a slow court's answer is written later by the timer
        // (see Responder), so a fixed pool sized for CPU work plus socket reads serves any mix of latencies.
        // The queue is bounded; when it is full the server's dispatcher runs the exchange itself, which stops
        // it accepting more until the workers catch up: back-pressure instead of unbounded memory.
        ThreadPoolExecutor workers = new ThreadPoolExecutor(s.threads(), s.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(10_000), daemon("sim-worker-"), new ThreadPoolExecutor.CallerRunsPolicy());
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemon("sim-timer-"));
        CourtLedger ledger = new CourtLedger(s.defaults(), s.rememberedIds(), s.maxCourts());
        server.createContext("/", new Deliveries(ledger, new HubSignatures(s.ca()), new SoapCodec(), new Responder(timer)));
        server.createContext("/sim/", new ControlEndpoints(ledger));
        server.setExecutor(workers);
        server.start();
        return new CourtSimulator(server, workers, timer, ledger, s.host());
    }

    /** http://host:port, to which the registry's paths are appended: /courts/C1/rest, /courts/C1/soap, /units/U1. */
    public String baseUrl() {
        return baseUrl;
    }

    public CourtStats stats(String court) {
        return ledger.stats(court);
    }

    public CourtStats totals() {
        return ledger.totals();
    }

    /** Sets the court's answer latency and failure rate (0.0 to 1.0); whether it is down stays as it was. */
    public void configure(String court, Duration latency, double failureRate) {
        ledger.configure(court, new Behaviour(latency.toMillis(), failureRate, ledger.behaviour(court).down()));
    }

    /** A court that is down fails every delivery (REST 503, SOAP fault) until it is up again. */
    public void down(String court, boolean down) {
        Behaviour b = ledger.behaviour(court);
        ledger.configure(court, new Behaviour(b.latencyMs(), b.failureRate(), down));
    }

    /** Forgets all counts and remembered message ids; court behaviours stay. */
    public void reset() {
        ledger.reset();
    }

    int courtsCounted() {
        return ledger.courtsCounted();
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
