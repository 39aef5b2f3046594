package cn.courtmediation.hub.logs;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A refusal that echoes the input (problem+json messageId, detail, errors; the log line of the refusal) carries no ID or
 * phone number (issue 13, item 6): a client that put them where an id belongs still gets its refusal, masked.
 */
class PersonalDataInRefusalsIT extends HubIntegrationTest {
    static final String PHONE = "13800138000";
    static final String ID = "11010519491231002X";

    @Test
    void aRefusalEchoingAPhoneNumberAsMessageIdMasksIt() throws Exception {
        ObjectNode m = TestMessages.fresh("notice.json", "C110105", "C310115", x -> {
            x.put("messageId", PHONE);
            x.put("caseId", ID);
        });
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign("C110105", body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("code").asText()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(problem.get("messageId").asText()).isEqualTo("[masked]");
        assertThat(r.body()).doesNotContain(PHONE).doesNotContain(ID);
    }
}
