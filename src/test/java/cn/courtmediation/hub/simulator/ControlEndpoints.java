package cn.courtmediation.hub.simulator;

import cn.courtmediation.hub.simulator.Responder.Reply;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The /sim/ control API, JSON: GET /sim/stats[?court=CODE], POST /sim/config?[court=CODE&]latencyMs=&failureRate=&down=
 * (without court: the default of every court not configured; parameters left out keep their value), POST /sim/reset.
 */
final class ControlEndpoints implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CourtLedger ledger;

    ControlEndpoints(CourtLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void handle(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        Reply reply;
        try {
            if (path.equals("/sim/stats") && method.equals("GET")) {
                reply = json(query.containsKey("court") ? court(query.get("court")) : everything());
            } else if (path.equals("/sim/config") && method.equals("POST")) {
                reply = json(configure(query));
            } else if (path.equals("/sim/reset") && method.equals("POST")) {
                ledger.reset();
                reply = json(Map.of("reset", true));
            } else {
                reply = Reply.json(404, "{\"error\":\"GET /sim/stats, POST /sim/config, POST /sim/reset\"}");
            }
        } catch (IllegalArgumentException e) {
            reply = json(400, Map.of("error", String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            reply = Reply.json(500, "{\"error\":\"simulator failure\"}");
        }
        Responder.write(ex, reply);
    }

    private Map<String, Object> configure(Map<String, String> q) {
        String court = q.get("court");
        Behaviour was = court == null ? ledger.defaults() : ledger.behaviour(court);
        Behaviour b = new Behaviour(
                q.containsKey("latencyMs") ? Long.parseLong(q.get("latencyMs")) : was.latencyMs(),
                q.containsKey("failureRate") ? Double.parseDouble(q.get("failureRate")) : was.failureRate(),
                q.containsKey("down") ? Boolean.parseBoolean(q.get("down")) : was.down());
        if (court == null) {
            ledger.configureDefaults(b);
        } else {
            ledger.configure(court, b);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("court", court == null ? "(default)" : court);
        m.putAll(behaviour(b));
        return m;
    }

    private Map<String, Object> court(String code) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("court", code);
        m.putAll(counts(ledger.stats(code)));
        m.putAll(behaviour(ledger.behaviour(code)));
        return m;
    }

    private Map<String, Object> everything() {
        Map<String, Object> totals = counts(ledger.totals());
        totals.put("courts", ledger.courtsCounted());
        Map<String, Object> courts = new LinkedHashMap<>();
        ledger.all().forEach((code, stats) -> {
            Map<String, Object> c = counts(stats);
            c.putAll(behaviour(ledger.behaviour(code)));
            courts.put(code, c);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totals", totals);
        m.put("defaults", behaviour(ledger.defaults()));
        m.put("courts", courts);
        return m;
    }

    private static Map<String, Object> counts(CourtStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", s.received());
        m.put("distinct", s.distinct());
        m.put("duplicates", s.duplicates());
        m.put("badSignatures", s.badSignatures());
        m.put("failures", s.failures());
        m.put("malformed", s.malformed());
        return m;
    }

    private static Map<String, Object> behaviour(Behaviour b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latencyMs", b.latencyMs());
        m.put("failureRate", b.failureRate());
        m.put("down", b.down());
        return m;
    }

    private static Reply json(Object body) {
        return json(200, body);
    }

    private static Reply json(int status, Object body) {
        try {
            return new Reply(status, "application/json", JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }
}
