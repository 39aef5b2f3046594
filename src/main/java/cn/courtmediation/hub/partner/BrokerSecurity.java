package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.registry.Participant;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.remoting.CertificateUtil;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The embedded broker's logins and permissions (installed by BrokerSecurityConfig): the hub's internal account may do
 * everything; a partner logs in with its broker account (user = registry code) while it is an active queue participant,
 * and may only what PartnerBrokerPolicy allows on its own two addresses; anyone else is refused. Nothing is decided by
 * Artemis' role lists: authorization asks the registry again, so a suspension counts from the next check.
 */
@Component
class BrokerSecurity implements ActiveMQSecurityManager5, SmartInitializingSingleton {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerSecurity.class);
    static final String HUB_ROLE = "hub";
    static final String PARTNER_ROLE = "partner";
    private final HubBrokerAccount hub;
    private final ObjectProvider<BrokerAccounts> accounts;
    private final PartnerBrokerPolicy policy;
    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    /** Partners are refused until every bean exists: their check needs the database and the registry. */
    private final AtomicBoolean ready = new AtomicBoolean();

    BrokerSecurity(HubBrokerAccount hub, ObjectProvider<BrokerAccounts> accounts, PartnerBrokerPolicy policy,
                   ObjectProvider<EmbeddedActiveMQ> embedded) {
        this.hub = hub;
        this.embedded = embedded;
        this.accounts = accounts;
        this.policy = policy;
    }

    /**
     * Every bean exists (the database is migrated, the registry and the accounts are there): partners may log in, and
     * the broker's network acceptors, held closed until now (BrokerSecurityConfig), open. Before the lifecycle starts,
     * so before the hub's own listeners connect.
     */
    @Override
    public void afterSingletonsInstantiated() {
        ready.set(true);
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        if (broker == null || broker.getActiveMQServer() == null) {
            return;
        }
        for (Acceptor acceptor : broker.getActiveMQServer().getRemotingService().getAcceptors().values()) {
            try {
                acceptor.start();
            } catch (Exception e) {
                throw new IllegalStateException("The broker's acceptor could not open", e);
            }
        }
        LOG.info("Broker acceptors open: logins checked by the hub (internal account {}, partner accounts)", hub.user());
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (user != null && hub.matches(user, password)) {
            return subject(user, HUB_ROLE);
        }
        if (!ready.get()) {
            return null;
        }
        // SASL EXTERNAL (TLS acceptor): no password, the user is the certificate's subject DN; the certificate decides
        X509Certificate[] certs = password == null && connection != null ? CertificateUtil.getCertsFromConnection(connection) : null;
        Optional<String> partner = certs != null && certs.length > 0 ? accounts.getObject().authenticate(certs[0])
                : accounts.getObject().authenticate(user, password);
        return partner.map(code -> subject(code, PARTNER_ROLE)).orElse(null);
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        String user = BrokerConnections.userOf(subject);
        if (has(subject, HUB_ROLE) && hub.user().equals(user)) {
            return true;
        }
        if (!has(subject, PARTNER_ROLE) || !ready.get()) {
            return false;
        }
        boolean allowed = policy.allows(user, checkType, address) && accounts.getObject().mayUseBroker(user);
        if (!allowed) {
            LOG.info("Broker refused {} {} on {}", user, checkType, address);
        }
        return allowed;
    }

    private static Subject subject(String user, String role) {
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(user));
        s.getPrincipals().add(new RolePrincipal(role));
        return s;
    }

    private static boolean has(Subject subject, String role) {
        return subject.getPrincipals(RolePrincipal.class).stream().anyMatch(r -> role.equals(r.getName()));
    }

    /** Not called for an ActiveMQSecurityManager5 (Artemis calls authenticate); refuses. */
    @Override
    public boolean validateUser(String user, String password) {
        return false;
    }

    /** Not called for an ActiveMQSecurityManager5 (Artemis calls authorize); refuses. */
    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }

    /** A participant whose registry entry allows broker access: an active queue participant. */
    static boolean mayUseBroker(Optional<Participant> p) {
        return p.isPresent() && p.get().active() && p.get().channel() == Participant.Channel.QUEUE;
    }
}
