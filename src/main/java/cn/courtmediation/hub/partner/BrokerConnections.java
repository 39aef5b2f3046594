package cn.courtmediation.hub.partner;

import java.util.ArrayList;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.remoting.CertificateUtil;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the hub does to the embedded broker on behalf of partner accounts: closes every live connection of a partner (its
 * access was revoked), and creates a partner's two queues, which a partner may not create itself. Does nothing when the
 * broker is external (profile external-broker).
 */
@Component
class BrokerConnections {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnections.class);
    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final PartnerAddresses addresses;
    private final HubBrokerAccount hub;

    BrokerConnections(ObjectProvider<EmbeddedActiveMQ> embedded, PartnerAddresses addresses, HubBrokerAccount hub) {
        this.embedded = embedded;
        this.hub = hub;
        this.addresses = addresses;
    }

    /** Closes every connection logged in as this user (by password or certificate); answers how many. */
    int close(String user) {
        ActiveMQServer server = server();
        if (server == null) {
            return 0;
        }
        List<RemotingConnection> theirs = new ArrayList<>();
        for (RemotingConnection c : server.getRemotingService().getConnections()) {
            if (user.equals(userOf(c.getSubject()))) {
                theirs.add(c);
            }
        }
        for (ServerSession s : server.getSessions()) {
            RemotingConnection c = s.getRemotingConnection();
            if ((user.equals(s.getUsername()) || user.equals(s.getValidatedUser())) && c != null && !theirs.contains(c)) {
                theirs.add(c);
            }
        }
        for (RemotingConnection c : theirs) {
            server.getRemotingService().removeConnection(c.getID());
            c.fail(new ActiveMQSecurityException("Broker access of " + user + " revoked"));
        }
        if (!theirs.isEmpty()) {
            LOG.info("Closed {} broker connection(s) of {}", theirs.size(), user);
        }
        return theirs.size();
    }

    /**
     * Closes the partner connections (logged in with the partner role) for which the test holds: given the partner's code
     * and the client certificate the connection presented (null without TLS or certificate); answers how many.
     */
    int closeWhere(java.util.function.BiPredicate<String, X509Certificate> revoked) {
        ActiveMQServer server = server();
        if (server == null) {
            return 0;
        }
        // a partner connection: one whose login subject has the partner role, or that holds a session validated as a
        // user other than the hub (an AMQP login by certificate authenticates only when its session opens)
        Map<RemotingConnection, String> partners = new LinkedHashMap<>();
        for (RemotingConnection c : server.getRemotingService().getConnections()) {
            Subject subject = c.getSubject();
            String code = userOf(subject);
            if (code != null && subject.getPrincipals(RolePrincipal.class).stream()
                    .anyMatch(r -> BrokerSecurity.PARTNER_ROLE.equals(r.getName()))) {
                partners.put(c, code);
            }
        }
        for (ServerSession s : server.getSessions()) {
            String code = s.getValidatedUser();
            if (code != null && !code.equals(hub.user()) && s.getRemotingConnection() != null) {
                partners.putIfAbsent(s.getRemotingConnection(), code);
            }
        }
        int closed = 0;
        for (Map.Entry<RemotingConnection, String> e : partners.entrySet()) {
            RemotingConnection c = e.getKey();
            X509Certificate[] certs = CertificateUtil.getCertsFromConnection(c);
            if (revoked.test(e.getValue(), certs == null || certs.length == 0 ? null : certs[0])) {
                server.getRemotingService().removeConnection(c.getID());
                c.fail(new ActiveMQSecurityException("Broker access of " + e.getValue() + " revoked"));
                LOG.info("Closed a broker connection of {}: it may no longer use the broker", e.getValue());
                closed++;
            }
        }
        return closed;
    }

    /** Creates the partner's from-hub and to-hub anycast queues (durable) unless they exist. */
    void createQueues(String code) {
        ActiveMQServer server = server();
        if (server == null) {
            return;
        }
        for (String address : List.of(addresses.fromHub(code), addresses.toHub(code))) {
            try {
                server.createQueue(QueueConfiguration.of(address).setAddress(address).setRoutingType(RoutingType.ANYCAST)
                        .setDurable(true).setAutoCreateAddress(true), true);
            } catch (Exception e) {
                throw new IllegalStateException("Could not create the broker queue " + address, e);
            }
        }
    }

    private ActiveMQServer server() {
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        return broker == null ? null : broker.getActiveMQServer();
    }

    static String userOf(Subject subject) {
        if (subject == null) {
            return null;
        }
        return subject.getPrincipals(UserPrincipal.class).stream().map(UserPrincipal::getName).findFirst().orElse(null);
    }
}
