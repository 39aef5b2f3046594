package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.contract.ChannelHeaders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RecipientGuardTest {
    final DefaultCamelContext camel = new DefaultCamelContext();
    final RecipientGuard guard = new RecipientGuard(new DeliverySettings(4, 1000, 2, 500, 200, 100, 15000,
            new DeliverySettings.Breaker(50, 5, Duration.ofSeconds(5), 500), Duration.ofSeconds(60)));

    Exchange exchange(String recipient) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setHeader(ChannelHeaders.RECIPIENT, recipient);
        e.getMessage().setHeader(ChannelHeaders.CHANNEL, "REST");
        return e;
    }

    @Test
    void anOpenBreakerTellsWaitingMessagesToComeBackWhenItsProbeIsDueNotOnAFixedPoll() {
        for (int i = 0; i < 5; i++) {
            Exchange e = exchange("C1");
            assertThat(guard.tryAcquire(e)).isZero();
            e.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("503"));
            guard.failure(e);
        }
        assertThat(guard.state("C1")).isEqualTo("OPEN");
        long wait = guard.tryAcquire(exchange("C1"));
        assertThat(wait).isBetween(4_000L, 5_600L);
        assertThat(guard.waitHint("C1")).isBetween(4_000L, 5_600L);
        assertThat(guard.waitHint("C2")).isZero();
    }

    @Test
    void anInfrastructureReleaseNeitherOpensTheBreakerNorKeepsTheBulkheadPermit() {
        for (int i = 0; i < 10; i++) {
            Exchange e = exchange("C3");
            assertThat(guard.tryAcquire(e)).isZero();
            guard.release(e);
        }
        assertThat(guard.state("C3")).isEqualTo("CLOSED");
        Exchange a = exchange("C3");
        Exchange b = exchange("C3");
        assertThat(guard.tryAcquire(a)).isZero();
        assertThat(guard.tryAcquire(b)).isZero();
        // per-recipient concurrency 2: the third waits the bulkhead wait, not an attempt
        assertThat(guard.tryAcquire(exchange("C3"))).isBetween(500L, 551L);
    }
}
