package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The filters of GET /api/v1/statistics, checked and resolved (dates to instants); echoed in the answer. Null: not filtered. */
record StatisticsFilter(Instant from, Instant to, String court, String region, String partner, String mediatorKind, String disputeType) {
    private static final Pattern REGION = Pattern.compile("^[0-9]{1,6}$");
    private static final int MAX_CODE = 64;

    /**
     * Checks every raw value and reports all problems at once (MALFORMED). Dates are days of the hub's zone;
     * blank values count as absent, as a form leaves them.
     */
    static StatisticsFilter parse(String from, String to, String court, String region, String partner, String mediatorKind,
                                  String disputeType, Set<String> mediatorKinds, Set<String> disputeTypes, ZoneId zone) {
        List<String> problems = new ArrayList<>();
        Instant start = instant("from", blank(from), zone, problems);
        Instant end = instant("to", blank(to), zone, problems);
        if (start != null && end != null && !start.isBefore(end)) {
            problems.add("from (" + start + ") must be before to (" + end + "): the period is [from, to)");
        }
        court = code("court", blank(court), problems);
        partner = code("partner", blank(partner), problems);
        region = blank(region);
        if (region != null && !REGION.matcher(region).matches()) {
            problems.add("region must be 1 to 6 digits, a prefix of the 6-digit administrative division code"
                    + " (11 = Beijing, 1101 = Beijing city, 110105 = Chaoyang District); got '" + region + "'");
        }
        mediatorKind = member("mediatorKind", blank(mediatorKind), mediatorKinds, problems);
        disputeType = member("disputeType", blank(disputeType), disputeTypes, problems);
        if (!problems.isEmpty()) {
            throw new HubException(ErrorCode.MALFORMED, "Bad statistics filter: " + String.join("; ", problems) + ".");
        }
        return new StatisticsFilter(start, end, court, region, partner, mediatorKind, disputeType);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = LocalDate.of(10000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private static Instant instant(String name, String value, ZoneId zone, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            Instant at = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : OffsetDateTime.parse(value).toInstant();
            // what every database keeps: PostgreSQL's timestamps end in year 294276, Java's parse goes further
            if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
                problems.add(name + " must be between 1970-01-01 and 9999-12-31; got '" + value + "'");
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            // an unencoded '+' of an offset arrives as a space
            String hint = value.contains(" ") ? " (encode the '+' of an offset as %2B)" : "";
            problems.add(name + " must be an ISO date (2025-01-31, a day in " + zoneName(zone) + ") or a date-time with offset"
                    + " (2025-01-31T00:00:00Z, 2025-01-31T08:00:00+08:00); got '" + value + "'" + hint);
            return null;
        }
    }

    private static String zoneName(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static String code(String name, String value, List<String> problems) {
        if (value != null && value.length() > MAX_CODE) {
            problems.add(name + " must be a registry code of at most " + MAX_CODE + " characters");
        }
        return value;
    }

    private static String member(String name, String value, Set<String> allowed, List<String> problems) {
        if (value != null && !allowed.contains(value)) {
            problems.add(name + " must be one of " + String.join(", ", allowed) + "; got '" + value + "'");
        }
        return value;
    }
}
