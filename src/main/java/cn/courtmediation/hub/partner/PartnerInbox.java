package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.contract.ChannelHeaders;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.Order;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.SessionAwareMessageListener;
import org.springframework.stereotype.Component;

/**
 * Listens on the to-hub address of every queue participant in the registry and hands each message
 * to the partner-intake route. One transacted consumer per partner address, created from the registry
 * (and refreshed by the partner-intake-refresh route), never configured per partner. The queue a message
 * came from tells the hub which partner sent it. A message is acknowledged only after the route has
 * stored it or quarantined it; any other failure rolls back and the broker redelivers it. On stop, all listeners
 * stop together and before Camel does, so no message is taken off a queue that the stopped routes cannot store.
 */
@Component("partnerInbox")
@Order(10)
public class PartnerInbox implements ApplicationRunner, SmartLifecycle, DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerInbox.class);
    static final String INTAKE_ENDPOINT = "direct:partner-intake";

    private final Registry registry;
    private final PartnerAddresses addresses;
    private final ConnectionFactory connectionFactory;
    private final ProducerTemplate producer;
    private final Map<String, DefaultMessageListenerContainer> listeners = new ConcurrentHashMap<>();
    private volatile boolean running;

    PartnerInbox(Registry registry, PartnerAddresses addresses, ConnectionFactory connectionFactory, ProducerTemplate producer) {
        this.registry = registry;
        this.addresses = addresses;
        this.connectionFactory = connectionFactory;
        this.producer = producer;
    }

    @Override
    public void run(ApplicationArguments args) {
        start();
    }

    /** Starts listening: after the Camel routes are up (run by Spring Boot once the context is ready, not by the lifecycle). */
    @Override
    public void start() {
        running = true;
        refresh();
    }

    /** Starts a listener for every queue participant not yet listened to; returns how many are listening. */
    public synchronized int refresh() {
        if (!running) {
            // not yet started, or stopping: a listener started now would feed routes that are not there
            return listeners.size();
        }
        for (Participant p : registry.queueParticipants()) {
            listeners.computeIfAbsent(p.code(), this::start);
        }
        return listeners.size();
    }

    private DefaultMessageListenerContainer start(String partnerCode) {
        DefaultMessageListenerContainer c = new DefaultMessageListenerContainer();
        c.setConnectionFactory(connectionFactory);
        c.setDestinationName(addresses.toHub(partnerCode));
        c.setSessionTransacted(true);
        c.setCacheLevel(DefaultMessageListenerContainer.CACHE_CONSUMER);
        c.setMessageListener((SessionAwareMessageListener<Message>) (message, session) -> handOver(partnerCode, message));
        c.setBeanName("partner-inbox-" + partnerCode);
        c.afterPropertiesSet();
        c.start();
        LOG.info("Listening for partner {} on {}", partnerCode, addresses.toHub(partnerCode));
        return c;
    }

    private void handOver(String partnerCode, Message message) throws JMSException {
        Map<String, Object> headers = new HashMap<>();
        headers.put(ChannelHeaders.INGRESS, "QUEUE");
        headers.put(ChannelHeaders.SOURCE, partnerCode);
        headers.put(ChannelHeaders.EXPECTED_SENDER, partnerCode);
        String signature = message.getStringProperty("hubSignature");
        if (signature != null) {
            headers.put(ChannelHeaders.SIGNATURE, signature);
        }
        Exchange result = producer.send(INTAKE_ENDPOINT, ExchangePattern.InOnly, ex -> {
            ex.getMessage().setHeaders(headers);
            ex.getMessage().setBody(bodyOf(message));
        });
        if (result.getException() != null) {
            // not a refusal (those are quarantined and answered): roll back so that the broker redelivers
            throw new IllegalStateException("Partner intake failed for " + partnerCode + "; message will be redelivered",
                    result.getException());
        }
    }

    private static byte[] bodyOf(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            String s = text.getText();
            return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof BytesMessage bytes) {
            byte[] b = new byte[(int) Math.min(bytes.getBodyLength(), Integer.MAX_VALUE)];
            bytes.readBytes(b);
            return b;
        }
        // a map, object or stream message cannot be a JSON message: hand over nothing, intake refuses it as MALFORMED
        return new byte[0];
    }

    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops in the web server's graceful-shutdown phase, so before the Camel context (a later phase) and alongside
     * the draining of HTTP requests. One by one, shutdown() waited up to a receive timeout (1 s) per listener, and a
     * listener whose intake failed because Camel had stopped first waited out its 5 s recovery back-off.
     */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
    }

    /** Stops every listener at once; the callback runs when the last one has finished its message in hand (at most one receive timeout). */
    @Override
    public void stop(Runnable callback) {
        List<DefaultMessageListenerContainer> all;
        synchronized (this) {
            running = false;
            all = List.copyOf(listeners.values());
        }
        if (all.isEmpty()) {
            callback.run();
            return;
        }
        long began = System.nanoTime();
        AtomicInteger left = new AtomicInteger(all.size());
        for (DefaultMessageListenerContainer c : all) {
            c.stop(() -> {
                if (left.decrementAndGet() == 0) {
                    LOG.info("Partner inbox stopped: {} listener(s) in {} ms", all.size(), (System.nanoTime() - began) / 1_000_000);
                    callback.run();
                }
            });
        }
    }

    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(1);
        stop(stopped::countDown);
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        listeners.values().forEach(DefaultMessageListenerContainer::shutdown);
        listeners.clear();
    }
}
