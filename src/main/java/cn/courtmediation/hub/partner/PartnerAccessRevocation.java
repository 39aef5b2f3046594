package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.registry.ParticipantSuspended;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A participant that may no longer use the broker loses its live connections: at once when an operator suspends it
 * (new logins are refused by BrokerSecurity), and within a registry refresh interval (route partner-intake-refresh) for
 * what changes elsewhere: a registry import or another replica suspending it, a channel changed from QUEUE, a revoked
 * client certificate it logged in with.
 */
@Component("partnerAccessRevocation")
class PartnerAccessRevocation {
    private final BrokerAccounts accounts;
    private final BrokerConnections connections;

    PartnerAccessRevocation(BrokerAccounts accounts, BrokerConnections connections) {
        this.accounts = accounts;
        this.connections = connections;
    }

    @EventListener
    void suspended(ParticipantSuspended event) {
        accounts.revoke(event.code());
    }

    /** Closes the connections of partners whose login would be refused now; answers how many. */
    public int sweep() {
        return connections.closeWhere((code, certificate) -> !accounts.mayUseBroker(code)
                || certificate != null && accounts.authenticate(certificate).isEmpty());
    }
}
