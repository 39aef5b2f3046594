package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which dead letters (FAILED messages) an operator means: all of them, or those of one recipient, one case, a failure
 * time range [from, to) and/or a text in the last error. Every part is optional; an empty filter is every dead letter.
 */
record DeadLetterFilter(String recipient, String caseId, OffsetDateTime from, OffsetDateTime to, String reason) {
    static final int MAX_TEXT = 200;

    DeadLetterFilter {
        recipient = blankToNull(recipient);
        caseId = blankToNull(caseId);
        reason = blankToNull(reason);
        for (String s : new String[] {recipient, caseId, reason}) {
            if (s != null && s.length() > MAX_TEXT) {
                throw new HubException(ErrorCode.MALFORMED, "A dead-letter filter field is longer than " + MAX_TEXT + " characters.");
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new HubException(ErrorCode.MALFORMED, "The filter's from must be before its to.");
        }
    }

    /** The WHERE clause on messages (always status FAILED), its arguments added to args. Indexed by status. */
    String where(List<Object> args) {
        StringBuilder where = new StringBuilder(" where status = 'FAILED'");
        if (recipient != null) {
            where.append(" and recipient = ?");
            args.add(recipient);
        }
        if (caseId != null) {
            where.append(" and case_id = ?");
            args.add(caseId);
        }
        if (from != null) {
            where.append(" and failed_at >= ?");
            args.add(from);
        }
        if (to != null) {
            where.append(" and failed_at < ?");
            args.add(to);
        }
        if (reason != null) {
            // a text in the error, any case; % and _ are taken literally
            where.append(" and lower(last_error) like ? escape '!'");
            args.add("%" + reason.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        return where.toString();
    }

    /** The filter as stored with a replay job and shown with it (only the parts given). */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        if (recipient != null) {
            d.put("recipient", recipient);
        }
        if (caseId != null) {
            d.put("caseId", caseId);
        }
        if (from != null) {
            d.put("from", from.toString());
        }
        if (to != null) {
            d.put("to", to.toString());
        }
        if (reason != null) {
            d.put("reason", reason);
        }
        return d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
