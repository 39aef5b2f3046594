package cn.courtmediation.hub.simulator;

import cn.courtmediation.hub.simulator.Responder.Reply;
import cn.courtmediation.hub.soap.types.DeliverMessageRequest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * The trial-system endpoints, at the paths the registry names: POST /{kind}/{code} and /{kind}/{code}/rest take
 * the hub's REST delivery (courts/C1/rest, units/U1), /{kind}/{code}/soap its DeliverMessage call.
 * A delivery whose hub signature does not verify is counted and still accepted: refusing it would only make the
 * hub retry it into a failure count, where a signing fault would be harder to tell from a court outage.
 */
final class Deliveries implements HttpHandler {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Hub messages are a few KB; a bigger body is not a delivery. */
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final Reply ACCEPTED = Reply.json(200, "{\"accepted\":true}");
    private static final Reply UNAVAILABLE = Reply.json(503, "{\"accepted\":false,\"error\":\"court unavailable (simulated)\"}");
    private static final Reply SOAP_UNAVAILABLE = SoapCodec.fault("soap:Server", "court unavailable (simulated)");

    private final CourtLedger ledger;
    private final HubSignatures signatures;
    private final SoapCodec soap;
    private final Responder responder;

    Deliveries(CourtLedger ledger, HubSignatures signatures, SoapCodec soap, Responder responder) {
        this.ledger = ledger;
        this.signatures = signatures;
        this.soap = soap;
        this.responder = responder;
    }

    @Override
    public void handle(HttpExchange ex) {
        try {
            String[] path = ex.getRequestURI().getPath().split("/"); // "", kind, code[, channel]
            String channel = path.length == 4 ? path[3] : path.length == 3 ? "rest" : "";
            if (path.length < 3 || !CODE.matcher(path[2]).matches() || !(channel.equals("rest") || channel.equals("soap"))) {
                Responder.write(ex, Reply.json(404, "{\"error\":\"not a court endpoint: POST /{kind}/{code}[/rest|/soap]\"}"));
            } else if (!"POST".equals(ex.getRequestMethod())) {
                Responder.write(ex, Reply.json(405, "{\"error\":\"deliveries are POSTed\"}"));
            } else if (channel.equals("rest")) {
                rest(ex, path[2]);
            } else {
                soap(ex, path[2]);
            }
        } catch (IOException | RuntimeException e) {
            Responder.write(ex, Reply.json(500, "{\"error\":\"simulator failure\"}"));
        }
    }

    private void rest(HttpExchange ex, String court) throws IOException {
        byte[] body = body(ex);
        String messageId = ex.getRequestHeaders().getFirst("X-Hub-Message-Id");
        if (body == null || messageId == null || messageId.isBlank()) {
            ledger.malformed(court);
            Responder.write(ex, Reply.json(400, "{\"accepted\":false,\"error\":\"a delivery needs a body (up to 16 MB) and X-Hub-Message-Id\"}"));
            return;
        }
        boolean signed = signatures.valid(body, ex.getRequestHeaders().getFirst("X-Hub-Signature"));
        CourtLedger.Answer answer = ledger.receive(court, messageId, signed);
        responder.send(ex, answer.failed() ? UNAVAILABLE : ACCEPTED, answer.latencyMs());
    }

    private void soap(HttpExchange ex, String court) throws IOException {
        byte[] body = body(ex);
        DeliverMessageRequest request;
        try {
            request = body == null ? null : soap.read(body);
        } catch (Exception e) {
            request = null;
        }
        if (request == null || request.getMessageId() == null || request.getPayload() == null) {
            ledger.malformed(court);
            Responder.write(ex, SoapCodec.fault("soap:Client", "not a DeliverMessage request with messageId and payload"));
            return;
        }
        boolean signed = signatures.valid(request.getPayload(), request.getHubSignature());
        CourtLedger.Answer answer = ledger.receive(court, request.getMessageId(), signed);
        responder.send(ex, answer.failed() ? SOAP_UNAVAILABLE : soap.accepted(), answer.latencyMs());
    }

    /** The request body, or null when it is larger than MAX_BODY. */
    private static byte[] body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            return b.length > MAX_BODY ? null : b;
        }
    }
}
