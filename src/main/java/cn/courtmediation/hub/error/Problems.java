package cn.courtmediation.hub.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the exception an exchange failed with into the hub's problem model (code, detail, violations). */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** The refusal behind a failed exchange; anything unexpected becomes INTERNAL_ERROR (and is logged). */
    public static HubException of(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (caught == null) {
            caught = exchange.getException();
        }
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof HubException hub) {
                return hub;
            }
        }
        LOG.error("Unexpected failure in route {}", exchange.getFromRouteId(), caught);
        return new HubException(ErrorCode.INTERNAL_ERROR,
                "The hub could not process the message; nothing was accepted. Retry later.");
    }

    /** RFC 9457 fields plus the hub's code, as a map ready for JSON. */
    public static Map<String, Object> asMap(HubException e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "urn:courtmediation:problem:" + e.code().name());
        p.put("title", e.code().title());
        p.put("status", e.code().httpStatus());
        p.put("detail", e.getMessage());
        p.put("code", e.code().name());
        if (e.messageId() != null) {
            p.put("messageId", e.messageId());
        }
        if (e.currentState() != null) {
            p.put("currentState", e.currentState());
        }
        if (!e.violations().isEmpty()) {
            List<Map<String, String>> errors = e.violations().stream()
                    .map(v -> Map.of("path", v.path(), "message", v.message())).toList();
            p.put("errors", errors);
        }
        return p;
    }
}
