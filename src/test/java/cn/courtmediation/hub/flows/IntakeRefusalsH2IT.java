package cn.courtmediation.hub.flows;

import cn.courtmediation.hub.support.HubTestEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Refusals of bad input on the embedded defaults (H2). */
class IntakeRefusalsH2IT extends IntakeRefusalsContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
    }
}
