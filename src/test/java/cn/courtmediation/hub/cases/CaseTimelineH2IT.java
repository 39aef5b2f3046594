package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.support.HubTestEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The case timeline on the embedded defaults: H2 file database and embedded Artemis. */
class CaseTimelineH2IT extends CaseTimelineContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
    }
}
