package io.switchboard.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Puts {@link MaskingAppender} in front of every appender of the root logger once Spring Boot has set logging up
 * (plain or structured, {@code logging.structured.format.console}), so that no log line carries an email, a phone
 * number or a card number. On unless {@code switchboard.logging.mask-personal-data} is false. Registered in
 * {@code META-INF/spring.factories}: it must run before the context, whose startup already logs.
 */
public class LogMasking implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        boolean enabled = event.getApplicationContext().getEnvironment()
                .getProperty("switchboard.logging.mask-personal-data", Boolean.class, true);
        if (enabled && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            install(context.getLogger(Logger.ROOT_LOGGER_NAME));
        }
    }

    static void install(Logger root) {
        List<Appender<ILoggingEvent>> plain = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext(); ) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (!(appender instanceof MaskingAppender)) {
                plain.add(appender);
            }
        }
        for (Appender<ILoggingEvent> appender : plain) {
            MaskingAppender masking = new MaskingAppender(appender);
            masking.start();
            root.addAppender(masking);
            root.detachAppender(appender);
        }
    }
}
