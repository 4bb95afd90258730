package io.switchboard.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link SettingsException} as Spring Boot's "APPLICATION FAILED TO START", one problem a line. */
public class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<SettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set the settings named above, by environment variable or command-line property. With no profile "
                        + "chosen the hub runs as production (profile prod); on a laptop, run it with the local "
                        + "profile (SPRING_PROFILES_ACTIVE=local), which embeds everything.", cause);
    }
}
