package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Discarding dead letters with a reason (bearer token, engineer): one, or a selection; audited as every /admin POST. */
@RestController
class DeadLetterDiscardController {
    private final DeadLetterDiscards discards;
    private final ReplayJobSettings settings;

    DeadLetterDiscardController(DeadLetterDiscards discards, ReplayJobSettings settings) {
        this.discards = discards;
        this.settings = settings;
    }

    /** {"reason":…}: 200 DISCARDED; 404 NOT_FOUND; 409 NOT_DISCARDABLE (with currentState) when it is not FAILED. */
    @PostMapping("/admin/dead-letters/{messageId}/discard")
    Map<String, Object> discard(@PathVariable String messageId, @RequestBody Map<String, Object> body) {
        String reason = FailureParams.reason(body);
        DeadLetterDiscards.Outcome o = discards.discard(List.of(messageId), reason, actor()).get(0);
        if (o.currentState() == null) {
            throw new HubException(ErrorCode.NOT_FOUND, "No message " + messageId + " in the store.", null, List.of());
        }
        if (!o.discarded()) {
            throw new HubException(ErrorCode.NOT_DISCARDABLE, "Message " + messageId + " is " + o.currentState()
                    + ", not FAILED: only a dead letter can be discarded.", null, List.of(), o.currentState());
        }
        return Map.of("messageId", messageId, "status", o.currentState(), "reason", reason);
    }

    /** {"messageIds":[…],"reason":…}: each FAILED one is discarded; the answer lists each id's outcome. */
    @PostMapping("/admin/dead-letters/discard")
    Map<String, Object> discardSelection(@RequestBody Map<String, Object> body) {
        List<String> ids = FailureParams.messageIds(body, settings.maxIds());
        List<DeadLetterDiscards.Outcome> outcomes = discards.discard(ids, FailureParams.reason(body), actor());
        return Map.of("discarded", outcomes.stream().filter(DeadLetterDiscards.Outcome::discarded).map(DeadLetterDiscards.Outcome::messageId).toList(),
                "notDiscarded", outcomes.stream().filter(o -> !o.discarded()).toList());
    }

    private static String actor() {
        return Caller.current().map(Caller::name).orElse("unknown");
    }
}
