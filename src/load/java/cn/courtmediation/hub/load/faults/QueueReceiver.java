package cn.courtmediation.hub.load.faults;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.qpid.jms.JmsConnectionFactory;

/** The partner: an AMQP 1.0 consumer (Qpid JMS) on partner.CODE.from-hub that reconnects across hub and broker restarts. */
final class QueueReceiver implements AutoCloseable {
    private final Connection connection;
    private final MessageConsumer consumer;
    private final Thread thread;
    private final Ledger ledger;
    private volatile boolean running = true;
    private volatile String failure;

    /** amqpUrl is a plain amqp://host:port; the failover transport around it reconnects for ever, every 500 ms. */
    QueueReceiver(String amqpUrl, String user, String password, String queue, Ledger ledger) throws JMSException {
        this.ledger = ledger;
        String url = "failover:(" + amqpUrl + ")?failover.maxReconnectAttempts=-1&failover.initialReconnectDelay=200"
                + "&failover.reconnectDelay=500&failover.useReconnectBackOff=false&failover.startupMaxReconnectAttempts=-1";
        JmsConnectionFactory factory = new JmsConnectionFactory(url);
        if (user != null) {
            factory.setUsername(user);
            factory.setPassword(password);
        }
        connection = factory.createConnection();
        connection.setExceptionListener(e -> failure = String.valueOf(e));
        // client acknowledgement after recording: a message is counted before the broker may forget it
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        consumer = session.createConsumer(session.createQueue(queue));
        connection.start();
        thread = new Thread(this::loop, "fault-queue-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Message m = consumer.receive(200);
                if (m == null) {
                    continue;
                }
                ledger.received(m.getStringProperty("hubMessageId"), m.getJMSMessageID());
                m.acknowledge();
            } catch (JMSException e) {
                if (running) {
                    // the failover transport recovers by itself; a failure here is one message's, note it and go on
                    failure = String.valueOf(e);
                }
            }
        }
    }

    /** The last connection or receive failure, if any (informational: the receiver reconnects). */
    String failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (JMSException ignored) {
            // closing anyway
        }
    }
}
