package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.delivery.PartnerAddresses;
import cn.courtmediation.hub.intake.IntakeHeaders;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.SessionAwareMessageListener;
import org.springframework.stereotype.Component;

/**
 * Listens on the to-hub address of every queue participant in the registry and hands each message
 * to the partner-intake route. One transacted consumer per partner address, created from the registry
 * (and refreshed by the partner-intake-refresh route), never configured per partner. The queue a message
 * came from tells the hub which partner sent it. A message is acknowledged only after the route has
 * stored it or quarantined it; any other failure rolls back and the broker redelivers it.
 */
@Component("partnerInbox")
@Order(10)
public class PartnerInbox implements ApplicationRunner, DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerInbox.class);
    static final String INTAKE_ENDPOINT = "direct:partner-intake";

    private final Registry registry;
    private final PartnerAddresses addresses;
    private final ConnectionFactory connectionFactory;
    private final ProducerTemplate producer;
    private final Map<String, DefaultMessageListenerContainer> listeners = new ConcurrentHashMap<>();

    PartnerInbox(Registry registry, PartnerAddresses addresses, ConnectionFactory connectionFactory, ProducerTemplate producer) {
        this.registry = registry;
        this.addresses = addresses;
        this.connectionFactory = connectionFactory;
        this.producer = producer;
    }

    @Override
    public void run(ApplicationArguments args) {
        refresh();
    }

    /** Starts a listener for every queue participant not yet listened to; returns how many are listening. */
    public synchronized int refresh() {
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
        headers.put(IntakeHeaders.INGRESS, "QUEUE");
        headers.put(IntakeHeaders.SOURCE, partnerCode);
        headers.put(IntakeHeaders.EXPECTED_SENDER, partnerCode);
        String signature = message.getStringProperty("hubSignature");
        if (signature != null) {
            headers.put(IntakeHeaders.SIGNATURE, signature);
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
    public void destroy() {
        listeners.values().forEach(DefaultMessageListenerContainer::shutdown);
        listeners.clear();
    }
}
