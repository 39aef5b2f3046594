package cn.courtmediation.hub.access;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.util.Optional;

/** The caller a read needs: refuses UNAUTHORIZED when the request carried no credential the web layer accepted. */
public final class Callers {

    private Callers() {
    }

    /**
     * The caller, or UNAUTHORIZED. The web layer already answers 401 for REST reads without credentials; this is the
     * check for the SOAP service (reachable without credentials, for signed submissions) and a second lock for REST.
     */
    public static Caller require(Optional<Caller> caller) {
        return caller.orElseThrow(() -> new HubException(ErrorCode.UNAUTHORIZED,
                "This read needs credentials: a hub-issued participant certificate on the HTTPS port, or an operator token."));
    }
}
