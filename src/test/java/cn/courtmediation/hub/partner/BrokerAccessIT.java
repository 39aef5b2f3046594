package cn.courtmediation.hub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.support.AmqpPartner;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.RawAmqp;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may do what on the embedded broker (issue 13 item 3), with real clients (Qpid JMS over AMQP 1.0 for send, consume
 * and browse; the Artemis CORE client for creating queues and management; proton for a plain AMQP client): every
 * address kind × {own partner, other partner, anonymous, wrong password} × {send, consume, browse, create queue}, where
 * exactly a partner's send to its own to-hub and consume/browse of its own from-hub succeed; and revocation at once on
 * suspension, rotation and removal.
 */
class BrokerAccessIT extends HubIntegrationTest {
    private String own;
    private String other;
    private String ownPassword;
    private String otherPassword;

    /** Who connects. */
    enum Actor { OWN_PARTNER, OTHER_PARTNER, ANONYMOUS, WRONG_PASSWORD }

    /** What it tries. */
    enum Op { SEND, CONSUME, BROWSE, CREATE_QUEUE }

    @BeforeAll
    void partners() {
        own = newPartner("BA");
        other = newPartner("BB");
        ownPassword = brokerAccounts.issue(own).password();
        otherPassword = brokerAccounts.issue(other).password();
    }

    private List<String> addresses() {
        return List.of("partner." + own + ".to-hub", "partner." + own + ".from-hub", "partner." + other + ".to-hub",
                "partner." + other + ".from-hub", "hub.outbound", "hub.outbound.retry", "activemq.management", "DLQ",
                "ExpiryQueue", "new.address." + UUID.randomUUID());
    }

    private RawAmqp.Login login(Actor a) {
        return switch (a) {
            case OWN_PARTNER -> new RawAmqp.Login(own, ownPassword);
            case OTHER_PARTNER -> new RawAmqp.Login(other, otherPassword);
            case ANONYMOUS -> null;
            case WRONG_PASSWORD -> new RawAmqp.Login(own, otherPassword);
        };
    }

    /** The only allowed cells: a partner's send to its to-hub, consume and browse of its from-hub. */
    private boolean allowed(Actor a, Op op, String address) {
        String code = a == Actor.OWN_PARTNER ? own : a == Actor.OTHER_PARTNER ? other : null;
        if (code == null) {
            return false;
        }
        return op == Op.SEND ? address.equals("partner." + code + ".to-hub")
                : (op == Op.CONSUME || op == Op.BROWSE) && address.equals("partner." + code + ".from-hub");
    }

    @TestFactory
    Stream<DynamicTest> everyAddressTimesEveryActorTimesEveryOperation() {
        List<DynamicTest> t = new ArrayList<>();
        for (String address : addresses()) {
            for (Actor actor : Actor.values()) {
                for (Op op : Op.values()) {
                    boolean allowed = allowed(actor, op, address);
                    String name = address.replace(own, "<own>").replace(other, "<other>") + " × " + actor + " × " + op
                            + " -> " + (allowed ? "allowed" : "refused");
                    t.add(DynamicTest.dynamicTest(name, () -> {
                        Exception refusal = attempt(login(actor), op, address);
                        if (allowed) {
                            assertThat(refusal).as("%s", name).isNull();
                        } else {
                            assertThat(refusal).as("%s", name).isNotNull();
                            // a security refusal: Artemis' AMQP sender on an address it would have to create reports the
                            // CREATE_ADDRESS refusal (AMQ229032) as amqp:internal-error, which Qpid JMS makes a plain JMSException
                            assertThat(refusal instanceof JMSSecurityException || refusal instanceof ActiveMQSecurityException
                                    || String.valueOf(refusal.getMessage()).contains("AMQ229032"))
                                    .as("%s: a security refusal, got %s", name, refusal).isTrue();
                        }
                    }));
                }
            }
        }
        return t.stream();
    }

    /** Does the operation; answers the refusal, or null when it succeeded. */
    private Exception attempt(RawAmqp.Login login, Op op, String address) {
        try {
            if (op == Op.CREATE_QUEUE) {
                try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + brokerPort);
                     ClientSessionFactory f = locator.createSessionFactory();
                     ClientSession s = login == null ? f.createSession() : f.createSession(login.user(), login.password(), false, true, true, false, 1)) {
                    s.createQueue(QueueConfiguration.of("q-" + UUID.randomUUID()).setAddress(address).setRoutingType(RoutingType.ANYCAST).setDurable(true));
                }
                return null;
            }
            try (Connection c = connection(login)) {
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                switch (op) {
                    case SEND -> s.createProducer(s.createQueue(address)).send(s.createTextMessage("probe"));
                    case CONSUME -> {
                        try (MessageConsumer consumer = s.createConsumer(s.createQueue(address))) {
                            consumer.receiveNoWait();
                        }
                    }
                    default -> {
                        try (QueueBrowser browser = s.createBrowser(s.createQueue(address))) {
                            browser.getEnumeration().hasMoreElements();
                        }
                    }
                }
            }
            return null;
        } catch (JMSException | ActiveMQSecurityException e) {
            return e;
        } catch (Exception e) {
            return e;
        }
    }

    private Connection connection(RawAmqp.Login login) throws JMSException {
        return login == null ? new org.apache.qpid.jms.JmsConnectionFactory("amqp://127.0.0.1:" + brokerPort).createConnection()
                : AmqpPartner.factory(brokerPort, login).createConnection();
    }

    @Test
    void aPlainAmqpClientSendsWithItsAccountAndIsRefusedOtherwise() {
        String toHub = "partner." + own + ".to-hub";
        assertThat(RawAmqp.send(brokerPort, new RawAmqp.Login(own, ownPassword), toHub, RawAmqp.text("{}", Map.of())))
                .isInstanceOf(Accepted.class);
        // ANONYMOUS passes SASL (Artemis offers it) but the connection is closed: no user
        assertThatThrownBy(() -> RawAmqp.send(brokerPort, null, toHub, RawAmqp.text("{}", Map.of())))
                .hasMessageContaining("unauthorized-access");
        assertThatThrownBy(() -> RawAmqp.send(brokerPort, new RawAmqp.Login(own, "wrong"), toHub, RawAmqp.text("{}", Map.of())))
                .hasMessageContaining("SASL");
        assertThatThrownBy(() -> RawAmqp.send(brokerPort, new RawAmqp.Login(other, otherPassword), toHub, RawAmqp.text("{}", Map.of())))
                .hasMessageContaining("unauthorized");
        assertThatThrownBy(() -> RawAmqp.send(brokerPort, new RawAmqp.Login(own, ownPassword), "hub.outbound", RawAmqp.text("{}", Map.of())))
                .hasMessageContaining("unauthorized");
    }

    @Test
    void managementRequestsAndDivertCreationAreRefused() throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + brokerPort);
             ClientSessionFactory f = locator.createSessionFactory();
             ClientSession s = f.createSession(own, ownPassword, false, true, true, false, 1)) {
            s.start();
            for (String[] op : List.of(new String[] {"listAddresses", ","}, new String[] {"createDivert", "x"})) {
                assertThatThrownBy(() -> {
                    try (ClientRequestor requestor = new ClientRequestor(s, "activemq.management")) {
                        ClientMessage m = s.createMessage(false);
                        if (op[0].equals("createDivert")) {
                            ManagementHelper.putOperationInvocation(m, "broker", "createDivert", "steal-" + own,
                                    "steal-" + own, "partner." + own + ".from-hub", "partner." + other + ".to-hub", false, null, null);
                        } else {
                            ManagementHelper.putOperationInvocation(m, "broker", "listAddresses", ",");
                        }
                        requestor.request(m, 5_000);
                    }
                }).as(op[0]).isInstanceOf(ActiveMQSecurityException.class);
            }
        }
    }

    @Test
    void theAdminApiIssuesListsRotatesAndRemovesAccounts() throws Exception {
        String code = newPartner("BR");
        HttpResponse<String> issued = admin("POST", "/admin/broker-accounts/" + code, null);
        assertThat(issued.statusCode()).isEqualTo(201);
        JsonNode a = JSON.readTree(issued.body());
        assertThat(a.get("user").asText()).isEqualTo(code);
        String first = a.get("password").asText();
        assertThat(first).matches("[A-Za-z0-9_-]{32}");
        // the URL as the answer gives it works with Qpid JMS as is
        try (Connection c = new org.apache.qpid.jms.JmsConnectionFactory(a.get("urls").get("qpidJms").asText()).createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createConsumer(s.createQueue("partner." + code + ".from-hub")).close();
        }
        assertThat(a.get("urls").get("amqp").asText()).isEqualTo("amqp://" + code + ":" + first + "@127.0.0.1:" + brokerPort);

        HttpResponse<String> listed = admin("GET", "/admin/broker-accounts", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode n : JSON.readTree(listed.body())) {
            if (n.get("user").asText().equals(code)) {
                mine = n;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.has("issuedAt")).isTrue();
        assertThat(listed.body()).doesNotContain(first).doesNotContain("password").doesNotContain("{bcrypt}");
        assertThat(jdbc.queryForObject("select password_hash from broker_accounts where code = ?", String.class, code))
                .startsWith("{bcrypt}").doesNotContain(first);

        // rotation: the open connection is closed, the old password refused, the new one works
        try (Connection open = AmqpPartner.factory(brokerPort, new RawAmqp.Login(code, first)).createConnection()) {
            AtomicReference<JMSException> closed = new AtomicReference<>();
            open.setExceptionListener(closed::set);
            open.start();
            HttpResponse<String> rotated = admin("POST", "/admin/broker-accounts/" + code, null);
            assertThat(rotated.statusCode()).isEqualTo(201);
            JsonNode r = JSON.readTree(rotated.body());
            assertThat(r.get("rotatedAt").isNull()).isFalse();
            String second = r.get("password").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != null);
            assertThat(attempt(new RawAmqp.Login(code, first), Op.CONSUME, "partner." + code + ".from-hub")).isInstanceOf(JMSSecurityException.class);
            assertThat(attempt(new RawAmqp.Login(code, second), Op.CONSUME, "partner." + code + ".from-hub")).isNull();

            assertThat(admin("DELETE", "/admin/broker-accounts/" + code, null).statusCode()).isEqualTo(204);
            assertThat(attempt(new RawAmqp.Login(code, second), Op.CONSUME, "partner." + code + ".from-hub")).isInstanceOf(JMSSecurityException.class);
            assertThat(admin("DELETE", "/admin/broker-accounts/" + code, null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void unknownParticipantsAndParticipantsNotOnTheBrokerGetNoAccount() throws Exception {
        HttpResponse<String> unknown = admin("POST", "/admin/broker-accounts/NOPE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("code").asText()).isEqualTo("NOT_FOUND");
        HttpResponse<String> court = admin("POST", "/admin/broker-accounts/" + newCourt("BC", cn.courtmediation.hub.registry.Participant.Channel.REST), null);
        assertThat(court.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(court.body()).get("code").asText()).isEqualTo("NOT_QUEUE_PARTICIPANT");
    }

    @Test
    void aPartnerNoLongerOnTheQueueChannelIsDisconnectedAndRefused() throws Exception {
        String code = newPartner("BQ");
        RawAmqp.Login login = new RawAmqp.Login(code, brokerAccounts.issue(code).password());
        try (Connection open = AmqpPartner.factory(brokerPort, login).createConnection()) {
            AtomicReference<JMSException> closed = new AtomicReference<>();
            open.setExceptionListener(closed::set);
            open.start();
            // changed behind the API's back, as an import or another replica would: the refresh sweep closes it
            registry.upsert(new cn.courtmediation.hub.registry.Participant(code, cn.courtmediation.hub.registry.Participant.Kind.PARTNER,
                    "测试合作机构", "100000", null, cn.courtmediation.hub.registry.Participant.Channel.REST, "https://partner.invalid/hub",
                    cn.courtmediation.hub.registry.Participant.Status.ACTIVE));
            await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != null);
        }
        assertThat(attempt(login, Op.CONSUME, "partner." + code + ".from-hub")).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aSuspendedPartnerIsDisconnectedAndRefusedUntilResumed() throws Exception {
        String code = newPartner("BS");
        RawAmqp.Login login = new RawAmqp.Login(code, brokerAccounts.issue(code).password());
        String fromHub = "partner." + code + ".from-hub";
        try (Connection open = AmqpPartner.factory(brokerPort, login).createConnection()) {
            AtomicReference<JMSException> closed = new AtomicReference<>();
            open.setExceptionListener(closed::set);
            open.start();
            Session s = open.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createConsumer(s.createQueue(fromHub));

            assertThat(admin("POST", "/admin/registry/participants/" + code + "/suspend", null).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != null);
        }
        assertThat(attempt(login, Op.CONSUME, fromHub)).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> RawAmqp.send(brokerPort, login, "partner." + code + ".to-hub", RawAmqp.text("{}", Map.of())))
                .hasMessageContaining("SASL");

        assertThat(admin("POST", "/admin/registry/participants/" + code + "/resume", null).statusCode()).isEqualTo(200);
        assertThat(attempt(login, Op.CONSUME, fromHub)).isNull();
        assertThat(attempt(login, Op.SEND, "partner." + code + ".to-hub")).isNull();
    }
}
