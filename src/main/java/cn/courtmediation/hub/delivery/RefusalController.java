package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Refusals grouped by error code (bearer token, viewer, /admin/refusals), and the refusals of one code. */
@RestController
class RefusalController {
    /** The window when none is given: the last day. */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(1);
    private static final List<String> CHANNELS = List.of("REST", "SOAP", "QUEUE");
    private final RefusalGroups refusals;
    private final Clock clock;

    RefusalController(RefusalGroups refusals, Clock clock) {
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping("/admin/refusals")
    Map<String, Object> groups(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String channel) {
        OffsetDateTime[] window = window(from, to);
        String ch = channel(channel);
        List<RefusalGroups.Group> groups = refusals.groups(window[0], window[1], ch);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("from", window[0]);
        r.put("to", window[1]);
        r.put("total", groups.stream().mapToLong(RefusalGroups.Group::count).sum());
        r.put("groups", groups);
        return r;
    }

    @GetMapping("/admin/refusals/{code}")
    Map<String, Object> ofCode(@PathVariable String code, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to, @RequestParam(required = false) String channel,
                               @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (Arrays.stream(ErrorCode.values()).noneMatch(c -> c.name().equals(code))) {
            throw new HubException(ErrorCode.MALFORMED, "No error code " + code + " (docs/interfaces.md §12).");
        }
        FailureParams.page(page, size);
        OffsetDateTime[] window = window(from, to);
        String ch = channel(channel);
        Map<String, Object> r = FailureParams.pageOf(page, size, refusals.countOfCode(code, window[0], window[1], ch),
                refusals.ofCode(code, window[0], window[1], ch, page, size));
        r.put("code", code);
        r.put("from", window[0]);
        r.put("to", window[1]);
        return r;
    }

    private OffsetDateTime[] window(String fromText, String toText) {
        OffsetDateTime to = FailureParams.time("to", toText);
        OffsetDateTime from = FailureParams.time("from", fromText);
        if (to == null) {
            to = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plusSeconds(1);
        }
        if (from == null) {
            from = to.minus(DEFAULT_WINDOW);
        }
        if (!from.isBefore(to)) {
            throw new HubException(ErrorCode.MALFORMED, "from must be before to.");
        }
        return new OffsetDateTime[] {from, to};
    }

    private static String channel(String channel) {
        if (channel == null || channel.isBlank()) {
            return null;
        }
        if (!CHANNELS.contains(channel)) {
            throw new HubException(ErrorCode.MALFORMED, "channel must be one of " + CHANNELS + ".");
        }
        return channel;
    }
}
