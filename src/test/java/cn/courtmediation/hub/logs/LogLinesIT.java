package cn.courtmediation.hub.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The lines an operator reads (issue 15, Logs): one INFO line per accepted message and one per delivery with messageId,
 * caseId, sender, recipient, channel and milliseconds; a refused SOAP call as one line with its code and the caller,
 * with no stack trace and no WARN. The hub's own log events are captured as they are logged (an appender on the root
 * logger of the shared hub, for the duration of each test).
 */
class LogLinesIT extends HubIntegrationTest {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        // one instance serves every test of the class (PER_CLASS): each test sees only its own events
        captured.list.clear();
        captured.start();
        root().addAppender(captured);
    }

    @AfterEach
    void release() {
        root().detachAppender(captured);
        captured.stop();
    }

    @Test
    void anAcceptedAndDeliveredMessageLogsOneLineEachWithItsIdsPartiesChannelAndMilliseconds() throws Exception {
        String sender = newCourt("LS", Channel.REST);
        String court = newCourt("LR", Channel.SOAP);
        ObjectNode m = TestMessages.fresh("notice.json", sender, court);
        String id = m.get("messageId").asText();
        String caseId = m.get("caseId").asText();
        byte[] body = TestMessages.bytes(m);
        assertThat(postMessage(body, signers.sign(sender, body)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> courts.receivedBy(court).size() == 1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(lines("Accepted messageId=" + id)).singleElement().satisfies(line -> assertThat(line)
                    .matches("Accepted messageId=" + id + " caseId=" + caseId + " type=NOTICE sender=" + sender + " recipient=" + court
                            + " channel=REST ms=\\d+"));
            assertThat(lines("Delivered messageId=" + id)).singleElement().satisfies(line -> assertThat(line)
                    .matches("Delivered messageId=" + id + " caseId=" + caseId + " type=NOTICE sender=" + sender + " recipient=" + court
                            + " channel=SOAP ms=\\d+ sinceAcceptedMs=\\d+"));
        });
        // the lines carry no text of the message (the notice's title and text)
        assertThat(captured.list).noneMatch(e -> e.getFormattedMessage().contains("调解材料补充通知"));
        // the exchange's other lines carry the ids in the MDC (the JSON format writes them)
        assertThat(captured.list).filteredOn(e -> e.getFormattedMessage().startsWith("Accepted messageId=" + id)).singleElement()
                .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("messageId", id).containsEntry("caseId", caseId));
        assertThat(captured.list).filteredOn(e -> e.getFormattedMessage().startsWith("Delivered messageId=" + id)).singleElement()
                .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("messageId", id).containsEntry("caseId", caseId));
    }

    @Test
    void aCaseIdHoldingAnIdNumberIsLoggedMasked() throws Exception {
        String sender = newCourt("LS", Channel.REST);
        String court = newCourt("LR", Channel.REST);
        // a court chooses its case ids; this one is a valid resident ID number (check character right)
        ObjectNode m = TestMessages.fresh("notice.json", sender, court, x -> x.put("caseId", "11010519491231002X"));
        String id = m.get("messageId").asText();
        byte[] body = TestMessages.bytes(m);
        assertThat(postMessage(body, signers.sign(sender, body)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> courts.receivedBy(court).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !lines("Delivered messageId=" + id).isEmpty());
        assertThat(lines("Accepted messageId=" + id)).singleElement().satisfies(l -> assertThat(l).contains("caseId=[masked] "));
        assertThat(lines("Delivered messageId=" + id)).singleElement().satisfies(l -> assertThat(l).contains("caseId=[masked] "));
        assertThat(captured.list).noneMatch(e -> e.getFormattedMessage().contains("11010519491231002X")
                || e.getMDCPropertyMap().containsValue("11010519491231002X"));
    }

    @Test
    void aFailedSoapDeliveryLogsItsRetryWithTheMessagesIdsInTheMdc() throws Exception {
        String sender = newCourt("LS", Channel.REST);
        String court = newCourt("LD", Channel.SOAP);
        courts.failing(court, true);
        ObjectNode m = TestMessages.fresh("notice.json", sender, court);
        String id = m.get("messageId").asText();
        byte[] body = TestMessages.bytes(m);
        assertThat(postMessage(body, signers.sign(sender, body)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(
                jdbc.queryForObject("select status from messages where message_id = ?", String.class, id)));
        List<ILoggingEvent> failures = captured.list.stream()
                .filter(e -> e.getFormattedMessage().startsWith("Delivery of " + id + " to " + court + " failed")).toList();
        assertThat(failures).hasSizeGreaterThanOrEqualTo(2).allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                .containsEntry("messageId", id).containsEntry("caseId", m.get("caseId").asText()));
        assertThat(failures).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
    }

    @Test
    void aRefusedSoapSubmissionIsOneInfoLineWithItsCodeAndCallerAndNoStackTrace() throws Exception {
        String sender = newCourt("LF", Channel.SOAP);
        ObjectNode m = TestMessages.fresh("notice.json", sender, "NO-SUCH-RECIPIENT");
        byte[] body = TestMessages.bytes(m);
        String answer = postSoap(soapSubmitEnvelope(Base64.getEncoder().encodeToString(body), signers.sign(sender, body))).body();
        assertThat(answer).contains("UNKNOWN_RECIPIENT");
        // and one that CXF itself refuses before the route runs (not XML)
        String broken = postSoap("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>").body();
        assertThat(broken).contains("MALFORMED");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(lines("Refused SOAP input from")).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("Refused SOAP input from 127.0.0.1: UNKNOWN_RECIPIENT").doesNotContain("from null"));
            assertThat(lines("Refused SOAP request")).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("Refused SOAP request from 127.0.0.1 before the hub read its payload: MALFORMED"));
        });
        assertThat(captured.list).as("events with a stack trace").noneMatch(e -> e.getThrowableProxy() != null);
        assertThat(captured.list).as("WARN or ERROR events").noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(captured.list).noneMatch(e -> e.getFormattedMessage().contains("\n\tat "));
    }

    private List<String> lines(String prefix) {
        return captured.list.stream().map(ILoggingEvent::getFormattedMessage).filter(l -> l.startsWith(prefix)).toList();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
