package cn.courtmediation.hub.support;

import java.util.Arrays;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every integration test hub the settings of the one hub shared per database (HubTestEnvironment.shared): the
 * same initializer and the same values for every test class, so Spring's context cache reuses one H2 hub and one
 * PostgreSQL hub (profile postgres, see PostgresHub) instead of starting a hub per class.
 */
final class SharedHub implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        String database = Arrays.asList(env.getActiveProfiles()).contains("postgres") ? "postgres" : "h2";
        // first: above application.yaml and its postgres profile (the datasource), as @DynamicPropertySource was
        env.getPropertySources().addFirst(new MapPropertySource("shared-test-hub-" + database, HubTestEnvironment.shared(database)));
    }
}
