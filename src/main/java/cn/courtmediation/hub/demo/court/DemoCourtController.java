package cn.courtmediation.hub.demo.court;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo trial system's REST side: what demo courts (and the demo mediation organisation and unit) receive, only when
 * the hub signed it (401 problem+json otherwise), and the inbox for an operator (the administrator token, DemoCourtWeb).
 */
@RestController
class DemoCourtController {
    private final DemoCourtInbox inbox;
    private final HubDeliveries deliveries;

    DemoCourtController(DemoCourtInbox inbox, HubDeliveries deliveries) {
        this.inbox = inbox;
        this.deliveries = deliveries;
    }

    @PostMapping("/demo-court/rest/{court}")
    ResponseEntity<Map<String, Object>> receive(@PathVariable String court,
                                                @RequestHeader(value = "X-Hub-Message-Id", required = false) String messageId,
                                                @RequestHeader(value = "X-Hub-Type", required = false) String type,
                                                @RequestHeader(value = "X-Hub-Sender", required = false) String sender,
                                                @RequestHeader(value = "X-Hub-Signature", required = false) String hubSignature,
                                                @RequestBody(required = false) byte[] payload) {
        byte[] body = payload == null ? new byte[0] : payload;
        deliveries.verify(body, hubSignature);
        inbox.add(new DemoCourtInbox.Entry(court, "REST", messageId, type, sender,
                new String(body, StandardCharsets.UTF_8), OffsetDateTime.now()));
        return ResponseEntity.ok(Map.of("accepted", true));
    }

    @GetMapping("/demo-court/inbox")
    List<DemoCourtInbox.Entry> inbox() {
        return inbox.all();
    }
}
