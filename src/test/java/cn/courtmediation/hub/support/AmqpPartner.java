package cn.courtmediation.hub.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Partner institutions' clients in tests: one real AMQP 1.0 connection (Qpid JMS) to the hub's broker acceptor per
 * partner, each logged in with that partner's own broker account (issued through the hub's accounts the first time the
 * partner is used). The partner is the one an address names (partner.&lt;CODE&gt;.to-hub / from-hub); any other address
 * (hub.outbound, DLQ...) is used with the hub's internal account, as a test playing the hub itself.
 */
public final class AmqpPartner implements AutoCloseable {
    private static final Pattern PARTNER_ADDRESS = Pattern.compile("partner\\.([A-Z0-9][A-Z0-9-]*)\\.(?:to|from)-hub");
    private final int brokerPort;
    private final Function<String, String> issuePassword;
    private final RawAmqp.Login hub;
    private final Map<String, RawAmqp.Login> logins = new LinkedHashMap<>();
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    /**
     * @param issuePassword issues a partner's broker account and answers its password (called once per partner code)
     * @param hub the hub's internal account, for addresses that belong to no partner
     */
    public AmqpPartner(int brokerPort, Function<String, String> issuePassword, RawAmqp.Login hub) {
        this.brokerPort = brokerPort;
        this.issuePassword = issuePassword;
        this.hub = hub;
    }

    /** The partner's broker login (its account is issued on first use, then kept for this client's life). */
    public synchronized RawAmqp.Login login(String code) {
        return logins.computeIfAbsent(code, c -> new RawAmqp.Login(c, issuePassword.apply(c)));
    }

    /** The login that the address belongs to: its partner's, else the hub's. */
    public RawAmqp.Login loginFor(String address) {
        Matcher m = PARTNER_ADDRESS.matcher(address);
        return m.matches() ? login(m.group(1)) : hub;
    }

    /** A Qpid JMS connection factory for the login. */
    public JmsConnectionFactory factory(RawAmqp.Login login) {
        return factory(brokerPort, login);
    }

    /** A Qpid JMS connection factory for the login on the broker port (URI options jms.username / jms.password). */
    public static JmsConnectionFactory factory(int brokerPort, RawAmqp.Login login) {
        JmsConnectionFactory f = new JmsConnectionFactory("amqp://127.0.0.1:" + brokerPort);
        f.setUsername(login.user());
        f.setPassword(login.password());
        return f;
    }

    private synchronized Session session(String address) throws JMSException {
        RawAmqp.Login login = loginFor(address);
        Session s = sessions.get(login.user());
        if (s == null) {
            Connection c = factory(login).createConnection();
            c.start();
            connections.put(login.user(), c);
            s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            sessions.put(login.user(), s);
        }
        return s;
    }

    /** Forgets the partner's connection (e.g. after the hub closed it), so that the next use opens a new one. */
    public synchronized void reconnect(String code) {
        sessions.remove(code);
        Connection c = connections.remove(code);
        if (c != null) {
            try {
                c.close();
            } catch (JMSException ignored) {
                // already closed by the broker
            }
        }
    }

    /** Sends a text message (an AMQP string body) with application properties. */
    public void send(String address, String text, Map<String, String> properties) throws JMSException {
        Session session = session(address);
        try (MessageProducer producer = session.createProducer(session.createQueue(address))) {
            TextMessage m = session.createTextMessage(text);
            for (Map.Entry<String, String> p : properties.entrySet()) {
                m.setStringProperty(p.getKey(), p.getValue());
            }
            producer.send(m);
        }
    }

    /** Sends raw bytes (an AMQP data section), as a non-text client would. */
    public void sendBytes(String address, byte[] bytes, String signature) throws JMSException {
        Session session = session(address);
        try (MessageProducer producer = session.createProducer(session.createQueue(address))) {
            jakarta.jms.BytesMessage m = session.createBytesMessage();
            m.writeBytes(bytes);
            if (signature != null) {
                m.setStringProperty("hubSignature", signature);
            }
            producer.send(m);
        }
    }

    /** Makes a JMS message of any kind (map, object, stream...) on the partner's session, for {@link #send(String, Maker)}. */
    @FunctionalInterface
    public interface Maker {
        Message make(Session session) throws JMSException;
    }

    /** Sends the message the maker builds, as a JMS client would (Qpid JMS maps each kind to its AMQP body). */
    public void send(String address, Maker maker) throws JMSException {
        Session session = session(address);
        try (MessageProducer producer = session.createProducer(session.createQueue(address))) {
            producer.send(maker.make(session));
        }
    }

    /** The next message on the address, or null after the timeout. */
    public Message receive(String address, long timeoutMillis) throws JMSException {
        Session session = session(address);
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(address))) {
            return consumer.receive(timeoutMillis);
        }
    }

    @Override
    public synchronized void close() throws JMSException {
        for (Connection c : connections.values()) {
            c.close();
        }
        connections.clear();
        sessions.clear();
    }
}
