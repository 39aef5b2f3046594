package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import cn.courtmediation.hub.contract.ChannelHeaders;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsConstants;
import org.springframework.stereotype.Component;

/** Builds the rejection (schemas/rejection.schema.json) the hub puts on a partner's from-hub address for a refused message. */
@Component("partnerRejections")
public class PartnerRejections {
    private final PartnerAddresses addresses;
    private final ObjectMapper json;
    private final Clock clock;

    PartnerRejections(PartnerAddresses addresses, ObjectMapper json, Clock clock) {
        this.addresses = addresses;
        this.json = json;
        this.clock = clock;
    }

    /** Body out: the rejection JSON; headers: its application properties and the partner's from-hub destination. */
    public void build(Exchange exchange) throws JsonProcessingException {
        HubException refusal = Problems.of(exchange);
        Message m = exchange.getMessage();
        String partner = m.getHeader(ChannelHeaders.SOURCE, String.class);
        String quarantineId = m.getHeader(ChannelHeaders.QUARANTINE_ID, String.class);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", "REJECTION");
        r.put("code", refusal.code().name());
        r.put("detail", refusal.getMessage());
        r.put("messageId", refusal.messageId());
        r.put("quarantineId", quarantineId);
        r.put("rejectedAt", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).toString());
        Map<String, Object> problem = Problems.asMap(refusal);
        if (problem.containsKey("errors")) {
            r.put("errors", problem.get("errors"));
        }
        if (refusal.currentState() != null) {
            r.put("currentState", refusal.currentState());
        }
        m.removeHeaders("*");
        m.setHeader("hubType", "REJECTION");
        m.setHeader("hubCode", refusal.code().name());
        if (refusal.messageId() != null) {
            m.setHeader("hubMessageId", refusal.messageId());
        }
        m.setHeader(JmsConstants.JMS_DESTINATION_NAME, addresses.fromHub(partner));
        m.setBody(json.writeValueAsString(r));
    }
}
