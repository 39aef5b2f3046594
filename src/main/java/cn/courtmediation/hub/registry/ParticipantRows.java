package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.registry.ImportReport.LineError;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.CourtLevel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns one CSV record into a registry entry, checking each field on its own (duplicates and parents are the importer's). */
final class ParticipantRows {
    /** schemas/case.schema.json $defs/participantCode: messages can only address codes of this form. */
    static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9-]{1,63}$");
    /** An administrative division code: 6 digits (county level), or 9 / 12 (township, village). */
    static final Pattern REGION = Pattern.compile("^[0-9]{6}([0-9]{3}){0,2}$");
    private static final int MAX_NAME = 200;
    private static final int MAX_URL = 1000;
    private static final int MAX_DAYS = 365;
    private static final int MAX_VALUE_SHOWN = 200;

    private ParticipantRows() {
    }

    /** A record read: the entry when every field is valid, else the errors. {@code code} is set when well-formed. */
    record Row(int line, String code, Participant participant, List<LineError> errors) {
        boolean valid() {
            return participant != null;
        }
    }

    static Row parse(RegistryCsv.Record record) {
        Fields f = new Fields(record);
        if (record.problem() != null) {
            f.error(null, null, record.problem());
            return new Row(record.line(), null, null, f.errors);
        }
        if (record.fields().size() != RegistryCsv.COLUMNS.size()) {
            f.error(null, null, "expected " + RegistryCsv.COLUMNS.size() + " columns (" + RegistryCsv.HEADER + "), found "
                    + record.fields().size());
            return new Row(record.line(), null, null, f.errors);
        }
        for (int i = 0; i < RegistryCsv.COLUMNS.size(); i++) {
            String v = record.fields().get(i);
            if (v.indexOf('\uFFFD') >= 0) {
                f.error(RegistryCsv.COLUMNS.get(i), v, "not UTF-8 text (a file saved as GBK?): save the file as UTF-8");
            }
        }
        if (!f.errors.isEmpty()) {
            return new Row(record.line(), null, null, f.errors);
        }
        String code = f.code("code", true);
        Kind kind = f.choice("kind", Kind.class, true);
        String name = f.text("name", MAX_NAME);
        String region = f.get("region");
        if (region != null && !REGION.matcher(region).matches()) {
            f.error("region", region, "must be an administrative division code of 6, 9 or 12 digits");
        }
        String parent = f.code("parent_code", false);
        Channel channel = f.choice("channel", Channel.class, true);
        String endpoint = f.url("endpoint");
        Status status = f.choice("status", Status.class, true);
        CourtLevel level = f.choice("court_level", CourtLevel.class, false);
        String callback = f.url("callback_url");
        Integer policy = f.days("policy_days", 1);
        Integer extension = f.days("max_extension_days", 0);

        if (parent != null && parent.equals(code)) {
            f.error("parent_code", parent, "a participant cannot be its own parent");
        }
        if (parent == null && (kind == Kind.TRIBUNAL || kind == Kind.GRASSROOTS_UNIT)) {
            f.error("parent_code", null, kind == Kind.TRIBUNAL ? "a tribunal needs the code of the court it belongs to"
                    : "a grassroots unit needs the code of the court or tribunal it is docked to");
        }
        if (parent != null && kind == Kind.PARTNER) {
            f.error("parent_code", parent, "partner institutions are national systems and have no parent");
        }
        if (endpoint == null && (channel == Channel.REST || channel == Channel.SOAP) && f.isBlank("endpoint")) {
            f.error("endpoint", null, "a " + channel + " participant needs the http(s) URL the hub delivers to");
        }
        if (endpoint != null && channel == Channel.QUEUE) {
            f.error("endpoint", endpoint, "QUEUE participants have no endpoint: their addresses derive from the code");
        }
        if (kind != null && kind != Kind.COURT) {
            if (level != null) {
                f.error("court_level", level.name(), "only courts have a court level");
            }
            if (policy != null) {
                f.error("policy_days", policy.toString(), "only courts set a mediation time limit");
            }
            if (extension != null) {
                f.error("max_extension_days", extension.toString(), "only courts set a mediation time limit");
            }
        }
        if (!f.errors.isEmpty()) {
            return new Row(record.line(), code, null, f.errors);
        }
        return new Row(record.line(), code, new Participant(code, kind, name, region, parent, channel, endpoint, status, level,
                callback, policy, extension), List.of());
    }

    /** The record's fields by column name, collecting errors. */
    private static final class Fields {
        private final RegistryCsv.Record record;
        private final List<LineError> errors = new ArrayList<>();

        Fields(RegistryCsv.Record record) {
            this.record = record;
        }

        /** The value, null when empty. */
        String get(String column) {
            String v = record.fields().get(RegistryCsv.COLUMNS.indexOf(column));
            return v.isEmpty() ? null : v;
        }

        boolean isBlank(String column) {
            return get(column) == null;
        }

        void error(String column, String value, String message) {
            String shown = value != null && value.length() > MAX_VALUE_SHOWN ? value.substring(0, MAX_VALUE_SHOWN) + "…" : value;
            errors.add(new LineError(record.line(), column, shown, message));
        }

        String code(String column, boolean required) {
            String v = get(column);
            if (v == null) {
                if (required) {
                    error(column, null, "missing: every participant needs a code");
                }
                return null;
            }
            if (!CODE.matcher(v).matches()) {
                error(column, v, "must match " + CODE.pattern() + " (upper-case letters, digits and hyphens, 2 to 64 characters)");
                return null;
            }
            return v;
        }

        <E extends Enum<E>> E choice(String column, Class<E> type, boolean required) {
            String v = get(column);
            if (v == null) {
                if (required) {
                    error(column, null, "missing: one of " + names(type));
                }
                return null;
            }
            try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                error(column, v, "must be one of " + names(type));
                return null;
            }
        }

        String text(String column, int max) {
            String v = get(column);
            if (v == null || v.isBlank()) {
                error(column, v, "missing: every participant needs a name");
                return null;
            }
            if (v.length() > max) {
                error(column, v, "longer than " + max + " characters");
                return null;
            }
            return v;
        }

        String url(String column) {
            String v = get(column);
            if (v == null) {
                return null;
            }
            if (v.length() > MAX_URL) {
                error(column, v, "longer than " + MAX_URL + " characters");
                return null;
            }
            try {
                URI u = new URI(v);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                    error(column, v, "must be an absolute http:// or https:// URL with a host");
                    return null;
                }
                return v;
            } catch (java.net.URISyntaxException e) {
                error(column, v, "not a valid URL: " + e.getReason());
                return null;
            }
        }

        Integer days(String column, int min) {
            String v = get(column);
            if (v == null) {
                return null;
            }
            try {
                int d = Integer.parseInt(v);
                if (d < min || d > MAX_DAYS) {
                    error(column, v, "must be a whole number of days from " + min + " to " + MAX_DAYS);
                    return null;
                }
                return d;
            } catch (NumberFormatException e) {
                error(column, v, "must be a whole number of days from " + min + " to " + MAX_DAYS);
                return null;
            }
        }

        private static String names(Class<? extends Enum<?>> type) {
            return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        }
    }
}
