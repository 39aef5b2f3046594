package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Registry administration (bearer token): search with paging, read, create or update, suspend, resume (releasing parked messages). */
@RestController
class RegistryController {
    private static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9-]{1,63}$");
    private static final int MAX_PAGE = 1000;
    private final Registry registry;
    private final ApplicationEventPublisher events;

    RegistryController(Registry registry, ApplicationEventPublisher events) {
        this.registry = registry;
        this.events = events;
    }

    @GetMapping("/admin/registry/participants")
    Map<String, Object> search(@RequestParam(required = false) Kind kind, @RequestParam(required = false) String region,
                               @RequestParam(required = false) String parent, @RequestParam(required = false) Status status,
                               @RequestParam(required = false) String name,
                               @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw new HubException(ErrorCode.MALFORMED, "page must be >= 0 and size between 1 and " + MAX_PAGE + ".");
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("page", page);
        r.put("size", size);
        r.put("total", registry.count(kind, region, parent, status, name));
        r.put("items", registry.search(kind, region, parent, status, name, page, size));
        return r;
    }

    @GetMapping("/admin/registry/participants/{code}")
    Participant get(@PathVariable String code) {
        return registry.find(code).orElseThrow(() -> notFound(code));
    }

    /** Creates or replaces the entry; the body's code must match the path. */
    @PutMapping("/admin/registry/participants/{code}")
    ResponseEntity<Participant> put(@PathVariable String code, @RequestBody Participant p) {
        boolean existed = registry.find(code).isPresent();
        validate(code, p);
        registry.upsert(p);
        if (!p.active()) {
            events.publishEvent(new ParticipantSuspended(code));
        }
        return ResponseEntity.status(existed ? 200 : 201).body(registry.find(code).orElseThrow());
    }

    @PostMapping("/admin/registry/participants/{code}/suspend")
    Participant suspend(@PathVariable String code) {
        if (!registry.setStatus(code, Status.SUSPENDED)) {
            throw notFound(code);
        }
        events.publishEvent(new ParticipantSuspended(code));
        return registry.find(code).orElseThrow();
    }

    /** Resumes the participant; the listeners of ParticipantResumed queue the messages parked for it, in order. */
    @PostMapping("/admin/registry/participants/{code}/resume")
    Map<String, Object> resume(@PathVariable String code) {
        if (!registry.setStatus(code, Status.ACTIVE)) {
            throw notFound(code);
        }
        ParticipantResumed resumed = new ParticipantResumed(code);
        events.publishEvent(resumed);
        return Map.of("participant", registry.find(code).orElseThrow(), "released", resumed.released().get());
    }

    private void validate(String code, Participant p) {
        List<String> problems = new java.util.ArrayList<>();
        if (!code.equals(p.code())) {
            problems.add("code in the body (" + p.code() + ") differs from the path (" + code + ")");
        }
        if (p.code() == null || !CODE.matcher(p.code()).matches()) {
            problems.add("code must match " + CODE.pattern());
        }
        if ("HUB".equals(p.code())) {
            problems.add("HUB is reserved: it is the sender code of the hub's own messages");
        }
        if (p.kind() == null || p.channel() == null || p.status() == null || p.name() == null || p.name().isBlank()) {
            problems.add("kind, name, channel and status are required");
        }
        if (p.channel() != null && p.channel() != Channel.QUEUE
                && (p.endpoint() == null || !(p.endpoint().startsWith("http://") || p.endpoint().startsWith("https://")))) {
            problems.add("a " + p.channel() + " participant needs an http(s) endpoint");
        }
        if (p.parentCode() != null && registry.find(p.parentCode()).isEmpty()) {
            problems.add("parent " + p.parentCode() + " is not in the registry");
        }
        if (!problems.isEmpty()) {
            throw new HubException(ErrorCode.SCHEMA_VIOLATION, String.join("; ", problems) + ".");
        }
    }

    private static HubException notFound(String code) {
        return new HubException(ErrorCode.NOT_FOUND, "No participant " + code + " in the registry.");
    }
}
