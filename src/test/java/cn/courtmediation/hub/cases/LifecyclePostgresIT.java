package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.PostgresSchema;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The case lifecycle on the machine's PostgreSQL (profile postgres), in a schema of its own. */
@ActiveProfiles("postgres")
class LifecyclePostgresIT extends LifecycleContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        LifecycleContract.scanOften(registry);
        PostgresSchema.register(registry);
    }
}
