package cn.courtmediation.hub.registry;

/** One registry entry: a court, tribunal, partner institution, mediation organisation or grassroots unit. */
public record Participant(
        String code,
        Kind kind,
        String name,
        String region,
        String parentCode,
        Channel channel,
        String endpoint,
        Status status,
        CourtLevel courtLevel,
        String callbackUrl,
        Integer policyDays,
        Integer maxExtensionDays) {

    /** Default mediation time limit of a court, days from acceptance. */
    public static final int DEFAULT_POLICY_DAYS = 30;
    /** Default longest extension, days, with both parties' consent. */
    public static final int DEFAULT_MAX_EXTENSION_DAYS = 30;

    /** An entry without court level, callback or policy (partners, units, organisations; tests). */
    public Participant(String code, Kind kind, String name, String region, String parentCode, Channel channel,
                       String endpoint, Status status) {
        this(code, kind, name, region, parentCode, channel, endpoint, status, null, null, null, null);
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** What kind of system the participant is. */
    public enum Kind { COURT, TRIBUNAL, PARTNER, MEDIATION_ORG, GRASSROOTS_UNIT }

    /** Level of a court in the four-level court system. */
    public enum CourtLevel { SUPREME, HIGH, INTERMEDIATE, BASIC }

    /** How the hub delivers to the participant. */
    public enum Channel { REST, SOAP, QUEUE }

    /** Whether the participant currently takes traffic. */
    public enum Status { ACTIVE, SUSPENDED }
}
