package cn.courtmediation.hub.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests of delivery through recipient outages (DeliveryReliabilityIT, RegistryRoutingIT): one hub that
 * they share, with retries long enough that an outage of a few seconds gives nothing up.
 */
// Not the shared hub: a dead letter here takes 6 attempts, while HubFlows*IT count 3 under the shared hub's 2 redeliveries
// 50 ms apart; and DeliveryReliabilityIT advises this hub's delivery route.
@OwnHub
public abstract class RetryingHubTest extends HubIntegrationTest {
    @DynamicPropertySource
    static void retryingHub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        // 5 redeliveries 100 ms apart; the breaker's default open-for (PT5S) is kept: while it is open a dead court's
        // messages wait without spending attempts, so they are still waiting while a healthy court is served
        registry.add("hub.delivery.max-redeliveries", () -> 5);
        registry.add("hub.delivery.redelivery-delay", () -> 100);
    }
}
