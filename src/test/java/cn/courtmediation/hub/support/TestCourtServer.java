package cn.courtmediation.hub.support;

import cn.courtmediation.hub.soap.types.DeliverMessageRequest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * A real HTTP server playing courts' trial systems in tests: REST deliveries at /rest/{court} and
 * SOAP DeliverMessage calls (CourtResult.wsdl, unmarshalled with the generated classes) at /soap/{court}.
 * Courts can be told to fail (HTTP 503) to test retries.
 */
public final class TestCourtServer implements AutoCloseable {
    /** One delivery as the court saw it. */
    public record Received(String court, String channel, byte[] payload, Map<String, String> headers, DeliverMessageRequest soap) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static final String SOAP_OK = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
            + "<DeliverMessageResponse xmlns=\"urn:courtmediation:hub:soap:v1\"><accepted>true</accepted></DeliverMessageResponse>"
            + "</soap:Body></soap:Envelope>";

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CountDownLatch> held = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> arrived = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> refused = new ConcurrentHashMap<>();
    private final JAXBContext jaxb;

    public TestCourtServer() throws IOException, JAXBException {
        jaxb = JAXBContext.newInstance(DeliverMessageRequest.class);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/rest/", this::rest);
        server.createContext("/soap/", this::soap);
        server.start();
    }

    public String restUrl(String court) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/rest/" + court;
    }

    public String soapUrl(String court) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/soap/" + court;
    }

    public void failing(String court, boolean fail) {
        failing.put(court, fail);
    }

    /** REST requests to the court wait until the returned latch is counted down (a court that takes its time). */
    public java.util.concurrent.CountDownLatch hold(String court) {
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        held.put(court, latch);
        return latch;
    }

    /** How many REST requests reached the court, answered or still held. */
    public int arrivedAt(String court) {
        return arrived.getOrDefault(court, new java.util.concurrent.atomic.AtomicInteger()).get();
    }

    /** How many requests the court answered 503 to. */
    public int refusedBy(String court) {
        return refused.getOrDefault(court, new java.util.concurrent.atomic.AtomicInteger()).get();
    }

    public List<Received> receivedBy(String court) {
        return received.stream().filter(r -> r.court().equals(court)).toList();
    }

    private void rest(HttpExchange ex) throws IOException {
        String court = ex.getRequestURI().getPath().substring("/rest/".length());
        byte[] body = ex.getRequestBody().readAllBytes();
        arrived.computeIfAbsent(court, c -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        java.util.concurrent.CountDownLatch latch = held.get(court);
        if (latch != null) {
            try {
                latch.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failing.getOrDefault(court, false)) {
            refused.computeIfAbsent(court, c -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            answer(ex, 503, "text/plain", "court down");
            return;
        }
        Map<String, String> headers = new ConcurrentHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        received.add(new Received(court, "REST", body, headers, null));
        answer(ex, 200, "application/json", "{\"accepted\":true}");
    }

    private void soap(HttpExchange ex) throws IOException {
        String court = ex.getRequestURI().getPath().substring("/soap/".length());
        byte[] body = ex.getRequestBody().readAllBytes();
        if (failing.getOrDefault(court, false)) {
            answer(ex, 503, "text/plain", "court down");
            return;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(body));
            Node request = doc.getElementsByTagNameNS("urn:courtmediation:hub:soap:v1", "DeliverMessageRequest").item(0);
            DeliverMessageRequest r = jaxb.createUnmarshaller().unmarshal(request, DeliverMessageRequest.class).getValue();
            Map<String, String> headers = new ConcurrentHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            received.add(new Received(court, "SOAP", r.getPayload(), headers, r));
            answer(ex, 200, "text/xml; charset=utf-8", SOAP_OK);
        } catch (Exception e) {
            answer(ex, 500, "text/plain", "bad SOAP request: " + e);
        }
    }

    private static void answer(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        // its threads are not daemons: left running they keep the test JVM alive after the tests
        executor.shutdownNow();
    }
}
