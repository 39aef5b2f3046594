package cn.courtmediation.hub.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Map;
import org.apache.qpid.jms.JmsConnectionFactory;

/** A partner institution's client in tests: a real AMQP 1.0 connection (Qpid JMS) to the hub's broker acceptor. */
public final class AmqpPartner implements AutoCloseable {
    private final Connection connection;
    private final Session session;

    public AmqpPartner(int brokerPort) throws JMSException {
        connection = new JmsConnectionFactory("amqp://127.0.0.1:" + brokerPort).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Sends a text message (an AMQP string body) with application properties. */
    public void send(String address, String text, Map<String, String> properties) throws JMSException {
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
        try (MessageProducer producer = session.createProducer(session.createQueue(address))) {
            producer.send(maker.make(session));
        }
    }

    /** The next message on the address, or null after the timeout. */
    public Message receive(String address, long timeoutMillis) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(address))) {
            return consumer.receive(timeoutMillis);
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
