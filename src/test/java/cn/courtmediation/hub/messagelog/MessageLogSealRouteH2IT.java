package cn.courtmediation.hub.messagelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.OwnHub;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The message-log-seal route on its default interval chains what the hub stores, with no test calling the sealer. */
// A hub of its own: the seal route runs on its default interval (MessageLog*IT turn it off), and the whole
// chain is verified, which the rows other tests insert with plain SQL (CaseTimeline*IT, HubFlows*IT, FanoutIT) would break
// as UNLOGGED_ROWS.
@OwnHub
class MessageLogSealRouteH2IT extends HubIntegrationTest {
    @Autowired
    MessageLogVerifier verifier;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
    }

    @Test
    void storedRowsAreChainedByTheRoute() throws Exception {
        String partner = newPartner("SR");
        ObjectNode m = TestMessages.fresh("case-dispatch.json", "C110105", partner);
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign("C110105", body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = m.get("messageId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from message_log l join evidences e"
                + " on e.evidence_id = l.ref_id where e.message_id = ? and e.kind = 'DELIVERED'", Long.class, id) == 1);
        assertThat(jdbc.queryForObject("select count(*) from message_log where kind = 'MESSAGE' and ref_id = ?", Long.class, id)).isEqualTo(1);
        MessageLogVerifier.Report report = verifier.verify();
        assertThat(report.intact()).as("%s", report).isTrue();
    }
}
