package cn.courtmediation.hub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.trust.CertificateAuthority;
import cn.courtmediation.hub.trust.CertificateStore;
import cn.courtmediation.hub.trust.SignatureSuite;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * AMQP over TLS on the broker's TLS acceptor (issue 13 item 3, last point), with Qpid JMS: the hub's server certificate
 * is trusted through the hub CA; a partner logs in with its password, or with its client certificate alone (SASL
 * EXTERNAL) as long as the certificate is not revoked and the partner is active; rights are the same as on the plain
 * acceptor.
 */
class BrokerTlsIT extends HubIntegrationTest {
    private static final char[] STORE_PASSWORD = "test".toCharArray();
    @Value("${hub.broker.tls-port}")
    private int tlsPort;
    @Autowired
    private CertificateStore certificates;

    private String url(String options) {
        return "amqps://127.0.0.1:" + tlsPort + (options.isEmpty() ? "" : "?" + options);
    }

    /** Trusts the hub CA only; presents the credentials' certificate when given. */
    private SSLContext tls(CertificateAuthority.Credentials client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("hub-ca", hubKeys.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", client.keyPair().getPrivate(), STORE_PASSWORD, new Certificate[] {client.certificate(), client.ca()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, STORE_PASSWORD);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private Connection connect(String options, CertificateAuthority.Credentials client) throws Exception {
        JmsConnectionFactory f = new JmsConnectionFactory(url(options));
        f.setSslContext(tls(client));
        return f.createConnection();
    }

    /** Opens a consumer on the queue and a producer on the address with the connection; throws the refusal. */
    private static void consumeAndSend(Connection c, String fromHub, String toHub) throws JMSException {
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createConsumer(s.createQueue(fromHub)).close();
        s.createProducer(s.createQueue(toHub)).close();
    }

    @Test
    void aPartnerLogsInOverTlsWithItsPassword() throws Exception {
        String code = newPartner("BT");
        String password = brokerAccounts.issue(code).password();
        try (Connection c = connect("jms.username=" + code + "&jms.password=" + password, null)) {
            consumeAndSend(c, "partner." + code + ".from-hub", "partner." + code + ".to-hub");
        }
        try (Connection c = connect("jms.username=" + code + "&jms.password=wrong", null)) {
            assertThatThrownBy(() -> consumeAndSend(c, "partner." + code + ".from-hub", "partner." + code + ".to-hub"))
                    .isInstanceOf(JMSSecurityException.class);
        } catch (JMSSecurityException refusedAtConnect) {
            assertThat(refusedAtConnect).hasMessageContaining("SASL");
        }
    }

    @Test
    void aPartnersCertificateAloneLogsItInWithItsOwnRightsUntilRevoked() throws Exception {
        String code = newPartner("BX");
        String other = newPartner("BY");
        brokerAccounts.issue(other);
        CertificateAuthority.Credentials cert = ca.sandbox(code, SignatureSuite.ECDSA_P256_SHA256);
        // no broker account was issued for code: the certificate is the credential
        try (Connection c = connect("amqp.saslMechanisms=EXTERNAL", cert)) {
            consumeAndSend(c, "partner." + code + ".from-hub", "partner." + code + ".to-hub");
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> s.createConsumer(s.createQueue("partner." + other + ".from-hub")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> s.createProducer(s.createQueue("hub.outbound")))
                    .isInstanceOf(JMSSecurityException.class);
        }

        // suspended: the open connection is closed, a new one refused; resumed: in again
        try (Connection open = connect("amqp.saslMechanisms=EXTERNAL", cert)) {
            AtomicReference<JMSException> closed = new AtomicReference<>();
            open.setExceptionListener(closed::set);
            consumeAndSend(open, "partner." + code + ".from-hub", "partner." + code + ".to-hub");
            assertThat(admin("POST", "/admin/registry/participants/" + code + "/suspend", null).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != null);
        }
        assertRefused(cert, code);
        assertThat(admin("POST", "/admin/registry/participants/" + code + "/resume", null).statusCode()).isEqualTo(200);
        try (Connection c = connect("amqp.saslMechanisms=EXTERNAL", cert)) {
            consumeAndSend(c, "partner." + code + ".from-hub", "partner." + code + ".to-hub");
        }

        // revoked: the open connection is closed within a registry refresh (500 ms here), a new login refused at once
        try (Connection open = connect("amqp.saslMechanisms=EXTERNAL", cert)) {
            AtomicReference<JMSException> closed = new AtomicReference<>();
            open.setExceptionListener(closed::set);
            consumeAndSend(open, "partner." + code + ".from-hub", "partner." + code + ".to-hub");
            assertThat(certificates.revoke(CertificateStore.serialOf(cert.certificate()), "test")).isTrue();
            assertRefused(cert, code);
            await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != null);
        }
    }

    @Test
    void withoutCertificateAndPasswordNothingGetsIn() throws Exception {
        String code = newPartner("BN");
        assertThatThrownBy(() -> {
            try (Connection c = connect("", null)) {
                consumeAndSend(c, "partner." + code + ".from-hub", "partner." + code + ".to-hub");
            }
        }).isInstanceOf(JMSSecurityException.class);
    }

    private void assertRefused(CertificateAuthority.Credentials cert, String code) {
        assertThatThrownBy(() -> {
            try (Connection c = connect("amqp.saslMechanisms=EXTERNAL", cert)) {
                consumeAndSend(c, "partner." + code + ".from-hub", "partner." + code + ".to-hub");
            }
        }).isInstanceOf(JMSSecurityException.class);
    }
}
