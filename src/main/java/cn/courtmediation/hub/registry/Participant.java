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
        Status status) {

    /** What kind of system the participant is. */
    public enum Kind { COURT, TRIBUNAL, PARTNER, MEDIATION_ORG, GRASSROOTS_UNIT }

    /** How the hub delivers to the participant. */
    public enum Channel { REST, SOAP, QUEUE }

    /** Whether the participant currently takes traffic. */
    public enum Status { ACTIVE, SUSPENDED }
}
