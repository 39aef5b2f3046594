package cn.courtmediation.hub.messagelog;

import cn.courtmediation.hub.support.HubTestEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The message log on the embedded defaults: H2 file database. */
class MessageLogH2IT extends MessageLogContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        properties(registry);
    }
}
