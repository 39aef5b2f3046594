package cn.courtmediation.hub.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes answers at once or, for a slow court, later from a timer thread. A delayed answer holds no worker thread
 * while it waits: the JDK server leaves an exchange open until its body is closed, whichever thread does it. So a
 * thousand deliveries to courts set to 5 s cost a thousand timer entries, not a thousand blocked threads, and the
 * other courts keep answering at their own speed.
 */
final class Responder {
    /** A complete HTTP answer. */
    record Reply(int status, String contentType, byte[] body) {
        static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final ScheduledExecutorService timer;

    Responder(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    void send(HttpExchange ex, Reply reply, long delayMs) {
        if (delayMs <= 0) {
            write(ex, reply);
            return;
        }
        try {
            timer.schedule(() -> write(ex, reply), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            ex.close(); // shutting down
        }
    }

    static void write(HttpExchange ex, Reply reply) {
        try (OutputStream out = ex.getResponseBody()) {
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
            ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            out.write(reply.body());
        } catch (IOException e) {
            // the caller gave up (a hub timeout): nothing to answer to
        } finally {
            ex.close();
        }
    }
}
