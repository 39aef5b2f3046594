package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the parameters of the failure endpoints (times, pages, id lists, reasons) and refuses bad ones as MALFORMED. */
final class FailureParams {
    static final int MAX_PAGE = 1000;

    private FailureParams() {
    }

    /** An ISO-8601 time with offset (2026-12-05T10:00:00Z), or null when absent. */
    static OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new HubException(ErrorCode.MALFORMED, name + " must be an ISO-8601 time with an offset, e.g. 2026-12-05T10:00:00Z.");
        }
    }

    static void page(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw new HubException(ErrorCode.MALFORMED, "page must be >= 0 and size between 1 and " + MAX_PAGE + ".");
        }
    }

    /** The body's list of message ids: 1 to max of them, each a plausible messageId. */
    static List<String> messageIds(Map<String, Object> body, int max) {
        if (!(body.get("messageIds") instanceof List<?> list) || list.isEmpty() || list.size() > max) {
            throw new HubException(ErrorCode.MALFORMED, "messageIds must be a list of 1 to " + max + " message ids.");
        }
        List<String> ids = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank() || s.length() > 36) {
                throw new HubException(ErrorCode.MALFORMED, "Each of messageIds must be a message id (at most 36 characters).");
            }
            ids.add(s);
        }
        return ids;
    }

    /** The discard reason: required, at most DeadLetterDiscards.MAX_REASON characters. */
    static String reason(Map<String, Object> body) {
        if (!(body.get("reason") instanceof String r) || r.isBlank() || r.length() > DeadLetterDiscards.MAX_REASON) {
            throw new HubException(ErrorCode.MALFORMED, "reason is required: why the message is discarded, at most "
                    + DeadLetterDiscards.MAX_REASON + " characters.");
        }
        return r.trim();
    }

    /** A dead-letter filter from a JSON object (recipient, caseId, from, to, reason; all optional). */
    static DeadLetterFilter filter(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new HubException(ErrorCode.MALFORMED, "filter must be an object with any of recipient, caseId, from, to, reason.");
        }
        for (Object k : m.keySet()) {
            if (!List.of("recipient", "caseId", "from", "to", "reason").contains(k)) {
                throw new HubException(ErrorCode.MALFORMED, "filter has no field " + k + " (recipient, caseId, from, to, reason).");
            }
            if (m.get(k) != null && !(m.get(k) instanceof String)) {
                throw new HubException(ErrorCode.MALFORMED, "filter." + k + " must be a string.");
            }
        }
        return new DeadLetterFilter((String) m.get("recipient"), (String) m.get("caseId"), time("filter.from", (String) m.get("from")),
                time("filter.to", (String) m.get("to")), (String) m.get("reason"));
    }

    static Map<String, Object> pageOf(int page, int size, long total, List<?> items) {
        Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("page", page);
        r.put("size", size);
        r.put("total", total);
        r.put("items", items);
        return r;
    }
}
