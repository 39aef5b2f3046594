package cn.courtmediation.hub.flows;

import cn.courtmediation.hub.support.HubTestEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The end-to-end flows on the embedded defaults: H2 file database and embedded Artemis. */
class HubFlowsH2IT extends HubFlowsContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
    }
}
