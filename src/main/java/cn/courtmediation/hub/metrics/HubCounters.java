package cn.courtmediation.hub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The hub's message counters, hub_messages_total{type,channel,outcome}. Every label comes from a closed set (the
 * contract's message types, the three channels, five outcomes; anything else is OTHER), so the series stay bounded:
 * a participant code is never a label (per-participant views belong in the console). All series exist from the start at
 * 0, so that rate() and increase() see the first message.
 */
@Component
class HubCounters {
    /** How a message's passage through the hub ended, counted once per event. */
    enum Outcome { ACCEPTED, REFUSED, DELIVERED, FAILED, RETRIED }

    static final String NAME = "hub.messages";
    /** The message types of schemas/message.schema.json; anything else (an unreadable refusal) counts as OTHER. */
    static final Set<String> TYPES = Set.of("CASE_DISPATCH", "MEDIATION_RESULT", "CASE_EVENT", "GRASSROOTS", "NOTICE", "EVIDENCE", "OTHER");
    static final Set<String> CHANNELS = Set.of("REST", "SOAP", "QUEUE", "OTHER");

    private final Map<Outcome, Map<String, Counter>> counters = new EnumMap<>(Outcome.class);

    HubCounters(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            Map<String, Counter> byKey = new HashMap<>();
            for (String type : TYPES) {
                for (String channel : CHANNELS) {
                    byKey.put(key(type, channel), Counter.builder(NAME)
                            .description("Messages by type, channel (ingress for accepted and refused, the recipient's for the rest) and outcome")
                            .tag("type", type).tag("channel", channel).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .register(registry));
                }
            }
            counters.put(outcome, Map.copyOf(byKey));
        }
    }

    void count(Outcome outcome, String type, String channel) {
        counters.get(outcome).get(key(bounded(type, TYPES), bounded(channel, CHANNELS))).increment();
    }

    private static String bounded(String value, Set<String> allowed) {
        return value != null && allowed.contains(value) ? value : "OTHER";
    }

    private static String key(String type, String channel) {
        return type + "/" + channel;
    }
}
