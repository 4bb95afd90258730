package io.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops startup, before anything connects anywhere, when the configuration cannot work: a required setting missing
 * ({@link RequiredSettings}) or, in production, plain HTTP where TLS belongs ({@link TransportSecurity}). Every
 * problem is named at once, each with the environment variable that sets it.
 */
public class StartupChecks implements EnvironmentPostProcessor, Ordered {

    static final String PRODUCTION = "prod";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> problems = new ArrayList<>(RequiredSettings.missing(environment));
        if (environment.matchesProfiles(PRODUCTION)) {
            problems.addAll(TransportSecurity.problems(environment));
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the config files and profiles are in
    }
}
