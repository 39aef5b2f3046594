package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.PostgresSchema;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same case statistics on the machine's PostgreSQL (profile postgres), in a schema of its own. */
@ActiveProfiles("postgres")
class CaseStatisticsPostgresIT extends CaseStatisticsContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        PostgresSchema.register(registry);
    }
}
