package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.PostgresSchema;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same bulk registry administration on the machine's PostgreSQL (profile postgres), in a schema of its own. */
@ActiveProfiles("postgres")
class RegistryBulkPostgresIT extends RegistryBulkContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        PostgresSchema.register(registry);
        registry.add("hub.trust.admin-token", () -> TOKEN);
    }
}
