package cn.courtmediation.hub.load;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.concurrent.atomic.AtomicLong;

/** One JMS consumer on a queue, on its own thread: drains leftovers, then hands each message's id to the runs waiting for it. */
final class Receiver implements AutoCloseable {
    private final String queue;
    private final String idProperty;
    private final Connection connection;
    private final MessageConsumer consumer;
    private final Thread thread;
    private final AtomicLong strays = new AtomicLong();
    private volatile Run current;
    private volatile Run previous;
    private volatile boolean running = true;
    private volatile Exception failure;

    /** Connects and subscribes; nothing is consumed until drain() or start(). */
    Receiver(ConnectionFactory factory, String queue, String idProperty) throws JMSException {
        this.queue = queue;
        this.idProperty = idProperty;
        this.connection = factory.createConnection();
        this.connection.setExceptionListener(e -> failure = e);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        this.consumer = session.createConsumer(session.createQueue(queue));
        this.connection.start();
        this.thread = new Thread(this::loop, "receiver-" + queue);
        this.thread.setDaemon(true);
    }

    /** Consumes and discards whatever is on the queue until it has been quiet for quietMillis; returns the count. */
    int drain(long quietMillis) throws JMSException {
        int drained = 0;
        while (consumer.receive(quietMillis) != null) {
            drained++;
        }
        return drained;
    }

    void start() {
        thread.start();
    }

    /** From now on arrivals are matched against run (and, for stragglers, against the run before it). */
    void track(Run run) {
        previous = current;
        current = run;
    }

    /** Messages that belonged to no tracked run (no id, or an id this tool never sent). */
    long strays() {
        return strays.get();
    }

    /** The connection or the receive loop failed, if it did. */
    Exception failure() {
        return failure;
    }

    String queue() {
        return queue;
    }

    private void loop() {
        while (running) {
            try {
                Message m = consumer.receive(100);
                if (m == null) {
                    continue;
                }
                long now = System.nanoTime();
                String id = m.getStringProperty(idProperty);
                Run c = current;
                Run p = previous;
                boolean known = id != null && ((c != null && c.received(id, now)) || (p != null && p.received(id, now)));
                if (!known) {
                    strays.incrementAndGet();
                }
            } catch (JMSException e) {
                if (running) {
                    failure = e;
                    running = false;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
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
