package io.switchboard.local;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the local run's {@link VendorSandbox} as the application context is created, before any bean, so that its
 * ten WireMock servers start on their own thread while the rest of the hub does; the hub is ready (readiness,
 * the ready line) only once they serve, as before. The sandbox is then a bean of the context, stopped with it, or
 * when the start fails.
 */
public class VendorSandboxStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.matchesProfiles("local")
                || !environment.getProperty("switchboard.local.sandbox.enabled", Boolean.class, true)) {
            return;
        }
        LocalProperties.Sandbox settings = Binder.get(environment)
                .bindOrCreate("switchboard.local.sandbox", LocalProperties.Sandbox.class);
        VendorSandbox sandbox = VendorSandbox.startInBackground(settings);
        // a bean, destroyed after the web server and Camel stopped (calls in flight still find their vendor)
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton("vendorSandbox", sandbox);
        beans.registerDisposableBean("vendorSandbox", sandbox);
        context.addApplicationListener(event -> {
            if (event instanceof ApplicationStartedEvent) {
                sandbox.awaitStarted();   // before readiness: a request right after it finds its vendor
            } else if (event instanceof ApplicationFailedEvent) {
                sandbox.destroy();
            }
        });
    }
}
