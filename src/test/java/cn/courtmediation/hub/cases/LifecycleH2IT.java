package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.support.HubTestEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The case lifecycle on the embedded H2 database. */
class LifecycleH2IT extends LifecycleContract {
    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        LifecycleContract.scanOften(registry);
    }
}
