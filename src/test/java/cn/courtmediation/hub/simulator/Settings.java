package cn.courtmediation.hub.simulator;

import java.security.cert.X509Certificate;

/**
 * How a simulator starts: where it listens, which hub CA it trusts, how courts answer by default, its worker
 * threads, how many recent deliveries it remembers to spot duplicates, and how many codes it counts separately.
 */
record Settings(String host, int port, X509Certificate ca, Behaviour defaults, int threads, int rememberedIds,
                int maxCourts) {
    /** Every code of the national registry (courts, tribunals, units, organisations: about 83,000) has room. */
    static final int MAX_COURTS = 200_000;

    static Settings of(int port, X509Certificate ca) {
        return new Settings("127.0.0.1", port, ca, Behaviour.NORMAL, 64, 1_000_000, MAX_COURTS);
    }

    Settings withDefaults(Behaviour b) {
        return new Settings(host, port, ca, b, threads, rememberedIds, maxCourts);
    }

    Settings withHost(String h) {
        return new Settings(h, port, ca, defaults, threads, rememberedIds, maxCourts);
    }

    Settings withThreads(int t) {
        return new Settings(host, port, ca, defaults, t, rememberedIds, maxCourts);
    }

    Settings withRememberedIds(int n) {
        return new Settings(host, port, ca, defaults, threads, n, maxCourts);
    }
}
