package cn.courtmediation.hub.demo.scenario;

import cn.courtmediation.hub.partner.PartnerAddresses;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.Collection;
import org.springframework.stereotype.Component;

/**
 * The scenario's queue partners reading their from-hub address, as their systems would have during the
 * year: without it the year's dispatches, court answers and evidences would wait there for the first AMQP
 * client a newcomer connects. Only scenario messages are taken (selector on the case id), nothing else.
 */
@Component
class PartnerSystems {
    private static final String SCENARIO_ONLY = "hubCaseId LIKE '%" + ScenarioPlanner.MARKER + "%'";
    private static final int BATCH = 500;
    private static final long QUIET_MILLIS = 1000;

    private final ConnectionFactory connectionFactory;
    private final PartnerAddresses addresses;
    private final Registry registry;

    PartnerSystems(ConnectionFactory connectionFactory, PartnerAddresses addresses, Registry registry) {
        this.connectionFactory = connectionFactory;
        this.addresses = addresses;
        this.registry = registry;
    }

    /** Reads every scenario message waiting for the queue partners among the mediators; returns how many. */
    long read(Collection<String> mediators) throws JMSException {
        long read = 0;
        for (String code : mediators) {
            if (registry.find(code).map(p -> p.channel() == Participant.Channel.QUEUE).orElse(false)) {
                read += read(addresses.fromHub(code));
            }
        }
        return read;
    }

    private long read(String address) throws JMSException {
        long n = 0;
        try (Connection c = connectionFactory.createConnection(); Session s = c.createSession(true, Session.SESSION_TRANSACTED)) {
            c.start();
            try (MessageConsumer consumer = s.createConsumer(s.createQueue(address), SCENARIO_ONLY)) {
                while (consumer.receive(QUIET_MILLIS) != null) {
                    if (++n % BATCH == 0) {
                        s.commit();
                    }
                }
                s.commit();
            }
        }
        return n;
    }
}
