package cn.courtmediation.hub.access;

import cn.courtmediation.hub.error.Problems;
import java.util.function.Supplier;

/** Credential look-ups in the database from the web filters: an unreachable database is 503 SERVICE_UNAVAILABLE, not a 500. */
final class CredentialLookups {
    private CredentialLookups() {
    }

    /** The look-up's answer; an outage becomes SERVICE_UNAVAILABLE (the error page adds Retry-After). */
    static <T> T orUnavailable(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (RuntimeException e) {
            if (Problems.isOutage(e)) {
                throw Problems.unavailable("The hub cannot check credentials now: its database is unreachable. Nothing was read or"
                        + " accepted; retry after Retry-After.");
            }
            throw e;
        }
    }
}
