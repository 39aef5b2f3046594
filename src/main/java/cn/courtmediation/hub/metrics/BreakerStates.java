package cn.courtmediation.hub.metrics;

import cn.courtmediation.hub.delivery.RecipientGuard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * hub_delivery_breakers{state}: how many recipients' circuit breakers are closed, open or half_open (recipients with
 * recent traffic: the guard keeps a breaker only while a recipient gets messages). Which recipients they are is the
 * console's participant page, never a label here.
 */
@Component
class BreakerStates implements MeterBinder {
    private final RecipientGuard guard;

    BreakerStates(RecipientGuard guard) {
        this.guard = guard;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String state : new String[] {"CLOSED", "OPEN", "HALF_OPEN"}) {
            Gauge.builder("hub.delivery.breakers", () -> guard.breakerStates().getOrDefault(state, 0L))
                    .description("Recipients whose delivery circuit breaker is in the state")
                    .tag("state", state.toLowerCase(Locale.ROOT)).register(registry);
        }
    }
}
