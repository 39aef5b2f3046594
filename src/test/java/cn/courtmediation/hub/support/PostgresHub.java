package cn.courtmediation.hub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ActiveProfiles;

/**
 * Runs an integration test on the shared PostgreSQL hub: profile postgres, and (through SharedHub) the machine's
 * PostgreSQL in one schema that all these tests share.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ActiveProfiles("postgres")
public @interface PostgresHub {
}
