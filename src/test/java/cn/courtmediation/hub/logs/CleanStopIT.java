package cn.courtmediation.hub.logs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.support.HubProcess;
import cn.courtmediation.hub.support.TestMessages;
import java.io.IOException;
import java.io.RandomAccessFile;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A clean stop (SIGTERM) of a hub that is busy delivering logs no WARN: messages arriving on the hub's queues while its
 * consumers stop are neither rejected with a WARN nor lost. The hub runs as a process of its own (HubProcess, which logs
 * at WARN), because stopping is what is tested.
 */
class CleanStopIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean sending = new AtomicBoolean(true);

    @Test
    void aStopWhileMessagesFlowLogsNoWarning() throws Exception {
        Path data = Files.createTempDirectory("hub-stop-").resolve("data");
        // the demo courts' trial system outside the hub: the one inside stops serving with the hub's web server, before the
        // deliveries stop, and its refusals would be delivery failures (WARN), not noise of the stop
        HttpServer courts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        courts.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(16));
        courts.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            // a court that takes its time: its bulkhead fills, and messages wait on the retry queue (broker-scheduled), so
            // that entries fall due on the hub's queues while it stops
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] ok = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        courts.start();
        HubProcess hub = new HubProcess(data, List.of("--hub.trust.enforce=false",
                "--hub.demo.court-base-url=http://127.0.0.1:" + courts.getAddress().getPort()));
        AtomicInteger accepted = new AtomicInteger();
        Thread client = new Thread(() -> {
            while (sending.get()) {
                submit(hub, accepted);
            }
        }, "clean-stop-client");
        long stopAt;
        try {
            hub.start();
            client.start();
            // deliveries to the demo courts and a partner queue flowing when the stop comes
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> accepted.get() >= 150);
            stopAt = Files.size(hub.log());
        } finally {
            hub.close();
            sending.set(false);
            client.join(10_000);
            courts.stop(0);
            ((java.util.concurrent.ExecutorService) courts.getExecutor()).shutdownNow();
        }
        String stopping = tail(hub.log(), stopAt);
        List<String> warnings = Arrays.stream(stopping.split("\\R")).filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
        assertThat(warnings).as("WARN/ERROR lines logged while the hub stopped (log " + hub.log() + ")").isEmpty();
    }

    /** A NOTICE from a demo court to another demo court (REST) or the partner PBOC, unsigned (trust not enforced here). */
    private void submit(HubProcess hub, AtomicInteger accepted) {
        String recipient = accepted.get() % 4 == 0 ? "PBOC" : "C440305";
        byte[] body = TestMessages.bytes(TestMessages.fresh("notice.json", "C110105", recipient));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/messages"))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 202) {
                accepted.incrementAndGet();
            }
        } catch (IOException e) {
            // the hub is stopping or gone
            sending.set(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log, long from) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            f.seek(from);
            byte[] rest = new byte[(int) (f.length() - from)];
            f.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8);
        }
    }
}
