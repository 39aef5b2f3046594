package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.store.MessageStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead-letter administration (bearer token, /admin/**): FAILED messages listed with paging and replayed; orphan queue entries listed. */
@RestController
class DeadLetterController {
    private static final int MAX_PAGE = 1000;
    private final MessageStore store;
    private final DeadLetterReplay replay;
    private final OrphanEntries orphans;

    DeadLetterController(MessageStore store, DeadLetterReplay replay, OrphanEntries orphans) {
        this.store = store;
        this.replay = replay;
        this.orphans = orphans;
    }

    @GetMapping("/admin/dead-letters")
    Map<String, Object> list(@RequestParam(required = false) String recipient, @RequestParam(required = false) String caseId,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("page", page);
        r.put("size", size);
        r.put("total", store.countDeadLetters(recipient, caseId));
        r.put("items", store.deadLetters(recipient, caseId, page, size));
        return r;
    }

    /** 202 when this request claimed the replay; 409 problem+json when the message is not FAILED (e.g. replayed concurrently). */
    @PostMapping("/admin/dead-letters/{messageId}/replay")
    ResponseEntity<Map<String, Object>> replay(@PathVariable String messageId) {
        MessageStore.Queued m = store.queued(messageId).orElseThrow(() ->
                new HubException(ErrorCode.NOT_FOUND, "No message " + messageId + " in the store.", messageId, java.util.List.of()));
        return replay.replay(messageId)
                .map(n -> ResponseEntity.accepted().body(Map.<String, Object>of("messageId", messageId, "replay", n, "status", "RELAYED")))
                .orElseGet(() -> {
                    String now = store.queued(messageId).map(MessageStore.Queued::status).orElse(m.status());
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("type", "urn:courtmediation:problem:NOT_REPLAYABLE");
                    p.put("title", "Only a FAILED message can be replayed");
                    p.put("status", 409);
                    p.put("detail", "Message " + messageId + " is " + now + ", not FAILED: it was not given up, or another replay claimed it.");
                    p.put("code", "NOT_REPLAYABLE");
                    p.put("messageId", messageId);
                    p.put("currentState", now);
                    return ResponseEntity.status(409).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
                });
    }

    @GetMapping("/admin/dead-letters/orphans")
    Map<String, Object> orphans(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("page", page);
        r.put("size", size);
        r.put("total", orphans.count());
        r.put("items", orphans.list(page, size));
        return r;
    }

    private static void checkPage(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw new HubException(ErrorCode.MALFORMED, "page must be >= 0 and size between 1 and " + MAX_PAGE + ".");
        }
    }
}
