package cn.courtmediation.hub.demo.scenario;

/** How a scenario case's mediation ends; the hub stores the same word as the case's outcome. */
enum Ending {
    SUCCEEDED, FAILED, REFUSED, EXPIRED, WITHDRAWN;

    /** The endings the success rate counts (withdrawn cases are neither success nor failure). */
    boolean decided() {
        return this != WITHDRAWN;
    }
}
