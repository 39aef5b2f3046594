package cn.courtmediation.hub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Gives an integration test a hub of its own instead of the shared one: the test's own @DynamicPropertySource
 * (HubTestEnvironment.register and its settings) alone configures it. Each use says on the class why it cannot share.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(inheritInitializers = false)
public @interface OwnHub {
}
