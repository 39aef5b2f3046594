package cn.courtmediation.hub.store;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock every timestamp comes from; a bean so that tests (and the lifecycle issue) can inject another. */
@Configuration
class StoreConfig {
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return new HubClock();
    }
}
