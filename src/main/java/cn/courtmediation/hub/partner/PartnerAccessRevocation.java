package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.registry.ParticipantSuspended;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A suspended participant loses its broker access at once: its live connections are closed (new logins are refused by BrokerSecurity). */
@Component
class PartnerAccessRevocation {
    private final BrokerAccounts accounts;

    PartnerAccessRevocation(BrokerAccounts accounts) {
        this.accounts = accounts;
    }

    @EventListener
    void suspended(ParticipantSuspended event) {
        accounts.revoke(event.code());
    }
}
