package cn.courtmediation.hub.flows;

import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.PostgresSchema;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Refusals of bad input with the PostgreSQL store. */
@ActiveProfiles("postgres")
class IntakeRefusalsPostgresIT extends IntakeRefusalsContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        PostgresSchema.register(registry);
    }
}
