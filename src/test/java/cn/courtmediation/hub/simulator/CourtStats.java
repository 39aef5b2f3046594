package cn.courtmediation.hub.simulator;

/**
 * What a court (or all of them) saw: deliveries received (well-formed, failed ones included), duplicates among
 * those accepted, deliveries whose hub signature did not verify, failures answered, and malformed requests.
 */
public record CourtStats(long received, long duplicates, long badSignatures, long failures, long malformed) {
    static final CourtStats NONE = new CourtStats(0, 0, 0, 0, 0);

    /** Distinct messages the court accepted: each one the hub delivered exactly once counts once here. */
    public long distinct() {
        return received - failures - duplicates;
    }

    CourtStats plus(CourtStats o) {
        return new CourtStats(received + o.received, duplicates + o.duplicates, badSignatures + o.badSignatures,
                failures + o.failures, malformed + o.malformed);
    }
}
