package cn.courtmediation.hub.messagelog;

import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.OwnHub;
import cn.courtmediation.hub.support.PostgresSchema;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The message log on the machine's PostgreSQL (profile postgres), in a schema of its own. */
// A hub of its own, as MessageLogH2IT says why.
@OwnHub
@ActiveProfiles("postgres")
class MessageLogPostgresIT extends MessageLogContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        PostgresSchema.register(registry);
        properties(registry);
    }
}
