package cn.courtmediation.hub.console;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

/**
 * Exchanges per Camel route for the Routes page: total, failed, inflight, mean, max and p99 processing time, counted
 * by a route policy on every route (Camel's own statistics need JMX and camel-management, which the hub does not
 * ship). A few counters per exchange; p99 from the last 1,024 times of each route.
 */
@Component
class RouteStatistics implements RoutePolicyFactory {
    private static final int WINDOW = 1024;
    private final Map<String, Stats> byRoute = new ConcurrentHashMap<>();

    /** A route's numbers as shown; times in ms. */
    record Snapshot(long total, long failed, long inflight, double meanMs, double maxMs, double p99Ms) {
        static final Snapshot NONE = new Snapshot(0, 0, 0, 0, 0, 0);
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        Stats stats = byRoute.computeIfAbsent(routeId, id -> new Stats());
        String startKey = "hub.route-start." + routeId;
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route r, Exchange exchange) {
                stats.inflight.incrementAndGet();
                exchange.setProperty(startKey, System.nanoTime());
            }

            @Override
            public void onExchangeDone(Route r, Exchange exchange) {
                stats.inflight.decrementAndGet();
                Object start = exchange.removeProperty(startKey);
                long nanos = start instanceof Long s ? System.nanoTime() - s : 0;
                stats.done(nanos, exchange.isFailed());
            }
        };
    }

    Snapshot of(String routeId) {
        Stats s = byRoute.get(routeId);
        return s == null ? Snapshot.NONE : s.snapshot();
    }

    /** One route's counters. */
    private static final class Stats {
        final LongAdder total = new LongAdder();
        final LongAdder failed = new LongAdder();
        final AtomicLong inflight = new AtomicLong();
        final LongAdder nanos = new LongAdder();
        final AtomicLong max = new AtomicLong();
        final AtomicLongArray recent = new AtomicLongArray(WINDOW);
        final AtomicLong next = new AtomicLong();

        void done(long n, boolean fail) {
            total.increment();
            if (fail) {
                failed.increment();
            }
            nanos.add(n);
            max.accumulateAndGet(n, Math::max);
            recent.set((int) (next.getAndIncrement() % WINDOW), n);
        }

        Snapshot snapshot() {
            long t = total.sum();
            int filled = (int) Math.min(WINDOW, next.get());
            long[] times = new long[filled];
            for (int i = 0; i < filled; i++) {
                times[i] = recent.get(i);
            }
            java.util.Arrays.sort(times);
            double p99 = filled == 0 ? 0 : times[Math.max(0, (int) Math.ceil(0.99 * filled) - 1)] / 1e6;
            return new Snapshot(t, failed.sum(), Math.max(0, inflight.get()), t == 0 ? 0 : nanos.sum() / 1e6 / t, max.get() / 1e6, p99);
        }
    }
}
