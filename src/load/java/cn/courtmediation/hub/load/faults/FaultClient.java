package cn.courtmediation.hub.load.faults;

import cn.courtmediation.hub.load.LoadSigner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The court that sends: NOTICE messages (outside the case lifecycle, so any order is accepted) in cases of perCase
 * messages, each sent only after the previous one of its case was acknowledged; retries 404, 5xx, connection errors
 * and timeouts with the same messageId and bytes, as the hub's idempotent intake allows.
 */
final class FaultClient {
    private static final DateTimeFormatter SENT_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SLOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI intake;
    private final LoadSigner signer;
    private final String sender;
    private final String recipient;
    private final String runTag;
    private final Ledger ledger;
    private final Duration giveUpAfter;
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean aborted;

    FaultClient(String hubUrl, LoadSigner signer, String sender, String recipient, String runTag, Ledger ledger, Duration giveUpAfter) {
        this.intake = URI.create(hubUrl + "/api/v1/messages");
        this.signer = signer;
        this.sender = sender;
        this.recipient = recipient;
        this.runTag = runTag;
        this.ledger = ledger;
        this.giveUpAfter = giveUpAfter;
    }

    /** Sends messages in cases of perCase on concurrency threads; returns when every message is acknowledged, refused or given up. */
    void run(int messages, int perCase, int concurrency) throws InterruptedException {
        AtomicInteger nextCase = new AtomicInteger();
        int cases = (messages + perCase - 1) / perCase;
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            Thread t = new Thread(() -> {
                for (int c = nextCase.getAndIncrement(); c < cases && !aborted; c = nextCase.getAndIncrement()) {
                    int inCase = Math.min(perCase, messages - c * perCase);
                    for (int k = 0; k < inCase; k++) {
                        if (!deliver(c, k)) {
                            // the rest of this case would test nothing the others do not: keep the order promise measurable
                            break;
                        }
                    }
                }
            }, "fault-sender-" + w);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
    }

    /** Stops the load: no new messages, no more retries (the fault driver failed, e.g. the hub did not come back). */
    void abort() {
        aborted = true;
    }

    /** Messages the hub refused for good (a 4xx other than 404). */
    long refused() {
        return refused.get();
    }

    /** Messages still unacknowledged when giveUpAfter ran out. */
    long givenUp() {
        return givenUp.get();
    }

    /** Sends one message until acknowledged; false when it was refused or given up. */
    private boolean deliver(int caseIndex, int seq) {
        String id = UUID.randomUUID().toString();
        byte[] body = payload(id, caseIndex, seq);
        HttpRequest request = HttpRequest.newBuilder(intake)
                .timeout(Duration.ofSeconds(35))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature", signer.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        ledger.sent(id, caseIndex, seq);
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        long backoff = 200;
        while (true) {
            long t0 = System.nanoTime();
            String kind;
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                slow(t0);
                int code = r.statusCode();
                if (code / 100 == 2) {
                    ledger.acknowledged(id);
                    return true;
                }
                kind = "HTTP " + code;
                ledger.error(kind);
                if (code / 100 == 4 && code != 404 && code != 429) {
                    refused.incrementAndGet();
                    System.out.println("refused for good: " + id + " HTTP " + code + " " + r.body());
                    return false;
                }
            } catch (HttpConnectTimeoutException e) {
                ledger.error("connect timeout");
            } catch (HttpTimeoutException e) {
                slow(t0);
                ledger.error("timeout (35 s)");
            } catch (ConnectException e) {
                ledger.error("connection refused");
            } catch (IOException e) {
                ledger.error("connection closed/reset");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (System.nanoTime() > deadline || aborted) {
                givenUp.incrementAndGet();
                return false;
            }
            try {
                // pacing of retries, not a correctness wait
                TimeUnit.MILLISECONDS.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            backoff = Math.min(2000, backoff * 2);
        }
    }

    private void slow(long t0) {
        if (System.nanoTime() - t0 > SLOW_NANOS) {
            ledger.slowAnswer();
        }
    }

    private byte[] payload(String id, int caseIndex, int seq) {
        ObjectNode m = JSON.createObjectNode();
        m.put("messageId", id);
        m.put("type", "NOTICE");
        m.put("sender", sender);
        m.put("recipient", recipient);
        m.put("caseId", sender + "-F" + runTag + "-" + caseIndex);
        m.put("sentAt", SENT_AT.format(OffsetDateTime.now(ZoneOffset.ofHours(8))));
        ObjectNode body = m.putObject("body");
        body.put("title", "fault run " + runTag);
        body.put("text", "message " + (seq + 1) + " of case " + caseIndex);
        try {
            return JSON.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
