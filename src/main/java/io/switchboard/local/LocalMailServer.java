package io.switchboard.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.switchboard.notifications.MailServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The local run's SMTP server: GreenMail, a real SMTP server in the JVM, takes the notification emails
 * ({@code switchboard.local.mail.port}, 3025 in the local run; 0 picks a free port, as the tests do). It accepts any
 * sender and recipient and keeps what it receives in memory; the hub sends to it instead of
 * {@code switchboard.notifications.mail.host}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
@ConditionalOnProperty(name = "switchboard.local.mail.enabled", havingValue = "true", matchIfMissing = true)
public class LocalMailServer {

    private static final Logger log = LoggerFactory.getLogger(LocalMailServer.class);

    @Bean(destroyMethod = "stop")
    GreenMail localGreenMail(@Value("${switchboard.local.mail.port:3025}") int port) {
        ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail server = new GreenMail(port == 0 ? smtp.dynamicPort() : smtp);
        server.start();
        log.info("Local SMTP server (GreenMail) on 127.0.0.1:{}", server.getSmtp().getPort());
        return server;
    }

    @Bean
    MailServer embeddedMailServer(GreenMail localGreenMail) {
        return new MailServer("127.0.0.1", localGreenMail.getSmtp().getPort());
    }
}
