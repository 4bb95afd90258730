package io.switchboard.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole hub on a random port with its real embedded parts (Artemis with a journal, PostgreSQL) and the Shopify
 * sandbox from {@link ShopifySandbox}. Every end-to-end test class uses this one configuration, so the context
 * starts once per test run.
 * Metrics export is on, as in the running hub.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SandboxInitializer.class)
@ActiveProfiles({"local", "test"})
public @interface HubTest {
}
