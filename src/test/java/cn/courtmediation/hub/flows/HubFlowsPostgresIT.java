package cn.courtmediation.hub.flows;

import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.PostgresSchema;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same end-to-end flows on the machine's PostgreSQL (profile postgres), in a schema of its own. */
@ActiveProfiles("postgres")
class HubFlowsPostgresIT extends HubFlowsContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        PostgresSchema.register(registry);
    }
}
