package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.contract.MessageStatus;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.store.MessageStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead-letter administration (bearer token, /admin/**): FAILED messages listed with paging and replayed; orphan queue entries listed. Refusals are HubExceptions, rendered by ProblemAdvice like every admin answer. */
@RestController
class DeadLetterController {
    private static final int MAX_PAGE = 1000;
    private final MessageStore store;
    private final DeadLetterReplay replay;
    private final OrphanEntries orphans;
    private final DeadLetterSearch search;

    DeadLetterController(MessageStore store, DeadLetterReplay replay, OrphanEntries orphans, DeadLetterSearch search) {
        this.store = store;
        this.replay = replay;
        this.orphans = orphans;
        this.search = search;
    }

    /** Dead letters by recipient, case, failure time [from, to) and a text of the last error; oldest failure first. */
    @GetMapping("/admin/dead-letters")
    Map<String, Object> list(@RequestParam(required = false) String recipient, @RequestParam(required = false) String caseId,
                             @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(required = false) String reason,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        DeadLetterFilter filter = new DeadLetterFilter(recipient, caseId, FailureParams.time("from", from), FailureParams.time("to", to), reason);
        return page(page, size, search.count(filter), search.find(filter, page, size));
    }

    /** 202 when this request claimed the replay; 409 NOT_REPLAYABLE (with currentState) when the message is not FAILED. */
    @PostMapping("/admin/dead-letters/{messageId}/replay")
    ResponseEntity<Map<String, Object>> replay(@PathVariable String messageId) {
        if (store.queued(messageId).isEmpty()) {
            throw new HubException(ErrorCode.NOT_FOUND, "No message " + messageId + " in the store.", messageId, List.of());
        }
        int replay = this.replay.replay(messageId).orElseThrow(() -> {
            String now = store.queued(messageId).map(q -> q.status().name()).orElse(null);
            return new HubException(ErrorCode.NOT_REPLAYABLE, "Message " + messageId + " is " + now
                    + ", not FAILED: it was not given up, or another replay claimed it.", messageId, List.of(), now);
        });
        return ResponseEntity.accepted().body(Map.of("messageId", messageId, "replay", replay, "status", MessageStatus.RELAYED));
    }

    @GetMapping("/admin/dead-letters/orphans")
    Map<String, Object> orphans(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        return page(page, size, orphans.count(), orphans.list(page, size));
    }

    private static Map<String, Object> page(int page, int size, long total, List<?> items) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("page", page);
        r.put("size", size);
        r.put("total", total);
        r.put("items", items);
        return r;
    }

    private static void checkPage(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw new HubException(ErrorCode.MALFORMED, "page must be >= 0 and size between 1 and " + MAX_PAGE + ".");
        }
    }
}
