package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.support.HubTestEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bulk registry administration on the embedded defaults: H2 file database. */
class RegistryBulkH2IT extends RegistryBulkContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        registry.add("hub.trust.admin-token", () -> TOKEN);
    }
}
