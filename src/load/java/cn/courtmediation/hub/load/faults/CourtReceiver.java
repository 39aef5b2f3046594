package cn.courtmediation.hub.load.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** A REST trial system: counts each X-Hub-Message-Id it answered 200; "down" closes its port, so the hub sees connection refused. */
final class CourtReceiver implements AutoCloseable {
    private final int port;
    private final Ledger ledger;
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "fault-court");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong posts = new AtomicLong();
    private HttpServer server;

    CourtReceiver(int port, Ledger ledger) throws IOException {
        this.port = port;
        this.ledger = ledger;
        up();
    }

    String endpoint() {
        return "http://127.0.0.1:" + port + "/court";
    }

    /** Opens the port (again). */
    synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        s.createContext("/", this::handle);
        s.setExecutor(pool);
        s.start();
        server = s;
    }

    /** Closes the port: connections are refused until up(). */
    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    long posts() {
        return posts.get();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x; InputStream in = x.getRequestBody()) {
            in.readAllBytes();
            long n = posts.incrementAndGet();
            String id = x.getRequestHeaders().getFirst("X-Hub-Message-Id");
            // each POST answered 200 is one copy the court took; a second one for the same id is a duplicate
            ledger.received(id, "post-" + n);
            x.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        down();
        pool.shutdownNow();
    }
}
